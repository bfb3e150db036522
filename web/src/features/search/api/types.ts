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
/** One flight of a multi-city trip: IATA codes and the local date at the origin (YYYY-MM-DD). */
export interface TripLeg {
  origin: string;
  destination: string;
  date: string;
}

export interface TripQuery {
  /** Multi-city (2–6 flights in order); origin, destination and departureDate then repeat the first. */
  legs?: TripLeg[] | undefined;
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string | undefined;
  adults: number;
  children?: number | undefined;
  /** Each child's age (2–11) on the day of travel, one per child, in order. */
  childAges?: number[] | undefined;
  infants?: number | undefined;
  cabin: string;
  /** Only flights without a stop (the API's `nonStop`). */
  nonStop?: boolean | undefined;
  /** The kind of things to do asked for ("food"), as the assistant understood it; the list starts filtered on it. */
  interest?: string | undefined;
  /** What the stay should be, as the assistant understood it; the hotel list starts filtered on it. */
  stay?: StayWishes | undefined;
}

/** A stay's wishes: a named place to be near, a price a night, a star floor, amenities (pool, breakfast…). */
export interface StayWishes {
  /** A landmark or neighbourhood the distances are measured from (the API's `near`). */
  near?: string | undefined;
  /** The most a night, per room, in the search's currency. */
  maxNightly?: number | undefined;
  minStars?: number | undefined;
  /** Amenity codes the hotel must have (`breakfast` also means a rate that includes it). */
  amenities?: string[] | undefined;
}

export type ResultTab = 'flights' | 'hotels' | 'activities' | 'calendar';
