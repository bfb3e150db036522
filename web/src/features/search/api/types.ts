import type { Schemas } from '@/lib/api-client';

// The inventory API's shapes, generated from the backend's OpenAPI document.
export type Money = Schemas['Money'];
export type FlightOffer = Schemas['FlightOffer'];
export type Itinerary = Schemas['Itinerary'];
export type FlightSearchResponse = Schemas['FlightSearchResponse'];
export type HotelOffer = Schemas['HotelOffer'];
export type HotelSearchResponse = Schemas['HotelSearchResponse'];
export type Activity = Schemas['Activity'];
export type ActivitySearchResponse = Schemas['ActivitySearchResponse'];
export type PriceCalendar = Schemas['PriceCalendar'];
export type LocationsResponse = Schemas['LocationsResponse'];
export type Location = Schemas['Location'];

/** A search as the form and the URL hold it: IATA codes, local dates, who travels. */
export interface TripQuery {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string | undefined;
  adults: number;
  children?: number | undefined;
  infants?: number | undefined;
  cabin: string;
  /** Only flights without a stop (the API's `nonStop`). */
  nonStop?: boolean | undefined;
}

export type ResultTab = 'flights' | 'hotels' | 'activities' | 'calendar';
