import { describe, expect, it } from 'vitest';
import type { FlightOffer } from '../api/types';
import { applyFilters, defaultFilters } from './flight-filters';

function offer(id: string, airline: string, departure: string, stops: number, price: number, duration = '07:00:00'): FlightOffer {
  const segments = Array.from({ length: stops + 1 }, (_, i) => ({
    carrierCode: airline, flightNumber: `${100 + i}`, origin: i === 0 ? 'BOS' : 'X', destination: i === stops ? 'LIS' : 'X',
    departure, arrival: departure, duration: '03:00:00',
  }));
  return { id, source: 'simulated', itineraries: [{ duration, segments }], totalPrice: { amount: price, currency: 'USD' }, cabin: 'economy', validatingAirline: airline, priceBreakdown: [] };
}

const offers = [
  offer('a', 'TP', '2026-03-12T18:05:00-04:00', 0, 640, '06:35:00'),
  offer('b', 'UA', '2026-03-12T07:10:00-04:00', 1, 520, '11:20:00'),
  offer('c', 'TP', '2026-03-12T13:30:00-04:00', 2, 480, '15:00:00'),
];

describe('flight filters', () => {
  it('sorts by price, duration or departure', () => {
    expect(applyFilters(offers, defaultFilters).map((o) => o.id)).toEqual(['c', 'b', 'a']);
    expect(applyFilters(offers, { ...defaultFilters, sort: 'duration' }).map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(applyFilters(offers, { ...defaultFilters, sort: 'departure' }).map((o) => o.id)).toEqual(['b', 'c', 'a']);
  });

  it('filters by stops, airline, local departure time and price', () => {
    expect(applyFilters(offers, { ...defaultFilters, maxStops: 0 }).map((o) => o.id)).toEqual(['a']);
    expect(applyFilters(offers, { ...defaultFilters, airlines: ['UA'] }).map((o) => o.id)).toEqual(['b']);
    expect(applyFilters(offers, { ...defaultFilters, times: ['evening'] }).map((o) => o.id)).toEqual(['a']);
    expect(applyFilters(offers, { ...defaultFilters, maxPrice: 500 }).map((o) => o.id)).toEqual(['c']);
  });
});
