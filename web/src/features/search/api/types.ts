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

export interface TripQuery {
  origin: string; destination: string; departureDate: string; returnDate?: string | undefined; adults: number; cabin: string;
}
