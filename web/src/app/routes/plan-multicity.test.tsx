import { describe, expect, it } from 'vitest';
import { searchFlights } from '@/features/search/api/search-flights';
import { misfit } from '@/features/search/components/picks';
import type { DraftPick } from '@/lib/draft';
import { calls, on } from '@/test/server';
import { understood } from './plan';

describe('a multi-city reply', () => {
  it('becomes the legs of the search, and the web app runs the exact search the reply names', async () => {
    const reply = {
      id: 'm1', role: 'assistant' as const, text: 'Here are multi-city options.',
      search: { kind: 'flights' as const, total: 50, query: { legs: 'LON-TYO-2027-03-01,TYO-BKK-2027-03-08,BKK-LON-2027-03-15', adults: '2', children: '0', infants: '0', cabin: 'economy', nonStop: 'false', currency: 'USD' } },
    };
    const found = understood(reply, null)!;
    expect(found.tab).toBe('flights');
    expect(found.query).toMatchObject({
      origin: 'LON', destination: 'TYO', departureDate: '2027-03-01', returnDate: undefined, adults: 2,
      legs: [{ origin: 'LON', destination: 'TYO', date: '2027-03-01' }, { origin: 'TYO', destination: 'BKK', date: '2027-03-08' }, { origin: 'BKK', destination: 'LON', date: '2027-03-15' }],
    });
    on('GET', '/api/v1/flights/search', { body: { offers: [], count: 0, source: 'simulated' } });
    await searchFlights(found.query);
    const call = calls.filter((c) => c.method === 'GET' && c.path.startsWith('/api/v1/flights/search')).at(-1)!;
    const url = new URL(call.path, 'http://localhost');
    expect(url.searchParams.get('legs')).toBe(reply.search.query.legs);
    expect(url.searchParams.get('origin')).toBeNull();
    expect(url.searchParams.get('adults')).toBe('2');
  });

  it('a stay found without a flight still fills the results beside the chat, on the hotels tab', () => {
    const reply = {
      id: 'm2', role: 'assistant' as const, text: 'Here are 3 hotels in Paris.',
      search: { kind: 'hotels' as const, total: 30, query: { cityCode: 'PAR', checkIn: '2027-03-12', checkOut: '2027-03-15', adults: '2', rooms: '1', currency: 'USD' } },
    };
    const found = understood(reply, null)!;
    expect(found.tab).toBe('hotels');
    expect(found.query).toMatchObject({ destination: 'PAR', departureDate: '2027-03-12', returnDate: '2027-03-15', adults: 2 });
  });

  it('a stay found after a family flight keeps the children in the form, so the picked flight still fits', () => {
    const flights = {
      id: 'm3', role: 'assistant' as const, text: 'Here are flights.',
      search: { kind: 'flights' as const, total: 50, query: { origin: 'CHI', destination: 'MCO', departureDate: '2026-12-23', returnDate: '2026-12-27', adults: '2', children: '2', infants: '0', currency: 'USD' } },
    };
    const family = understood(flights, null)!.query;
    const stay = {
      id: 'm4', role: 'assistant' as const, text: 'Here are 3 hotels in Orlando.',
      search: { kind: 'hotels' as const, total: 3, query: { near: 'Walt Disney World', checkIn: '2026-12-23', checkOut: '2026-12-27', adults: '2', rooms: '1', currency: 'USD' } },
    };
    const after = understood(stay, family)!.query;
    expect(after).toMatchObject({ adults: 2, children: 2, departureDate: '2026-12-23', returnDate: '2026-12-27' });
    const pick: DraftPick = { kind: 'flight', offerId: 'f1', title: 'Chicago → Orlando', detail: '', price: null, simulated: true, day: '2026-12-23', travellers: 4, from: '2026-12-23', to: '2026-12-27' };
    expect(misfit(pick, after)).toBeNull();
  });
});
