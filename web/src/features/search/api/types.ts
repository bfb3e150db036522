// The inventory API's shapes (Inventory/InventoryModel.cs). Replace with the generated
// Schemas[...] once the inventory endpoints are in openapi/v1.json (npm run generate:api).
export interface Money { amount: number; currency: string }
export interface GeoPoint { latitude: number; longitude: number }
export interface FlightSegment {
  carrierCode: string; flightNumber: string; origin: string; destination: string;
  departure: string; arrival: string; duration: string; aircraft?: string | null; operatingCarrier?: string | null;
}
export interface Itinerary { duration: string; segments: FlightSegment[] }
export interface FlightOffer {
  id: string; source: string; itineraries: Itinerary[]; totalPrice: Money; cabin: string; validatingAirline: string; seatsLeft?: number | null;
}
export interface FlightSearchResponse { offers: FlightOffer[]; count: number; source: string }
export interface Hotel { hotelId: string; name: string; stars?: number | null; point: GeoPoint; cityCode: string; address?: string | null; distanceKm?: number | null }
export interface HotelOffer {
  id: string; source: string; hotel: Hotel; roomType: string; roomDescription?: string | null; checkIn: string; checkOut: string;
  nightly: Money; total: Money; cancellation: { refundable: boolean; description: string }; board?: string | null;
}
export interface HotelSearchResponse { offers: HotelOffer[]; count: number; source: string }
export interface Activity {
  id: string; source: string; name: string; category: string; description?: string | null; duration?: string | null; price?: Money | null; point: GeoPoint; rating?: number | null;
}
export interface ActivitySearchResponse { activities: Activity[]; count: number; source: string }
export interface CalendarDay { date: string; cheapestPrice?: Money | null; offerId?: string | null; stops?: number | null }
export interface PriceCalendar { origin: string; destination: string; year: number; month: number; days: CalendarDay[]; source: string }
export interface Location { code: string; kind: string; name: string; city: string; countryCode: string }
export interface LocationsResponse { locations: Location[]; source: string }

export interface TripQuery {
  origin: string; destination: string; departureDate: string; returnDate?: string | undefined; adults: number; cabin: string;
}
