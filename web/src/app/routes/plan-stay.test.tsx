import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { calls, json, on } from '@/test/server';
import { renderApp } from '@/test/render';

const sessionId = '0196a3b4-0000-7000-8000-00000000d00d';
const money = (amount: number) => ({ amount, currency: 'USD' });
const rate = (id: string, board: string, nightly: number) => ({
  id, roomType: 'Standard Double', roomDescription: null, board, nightly: money(nightly), total: money(nightly * 10), roomsLeft: null,
  cancellation: { refundable: true, freeCancellationUntil: '2027-05-03T18:00:00+02:00', description: 'Free cancellation' },
});
const hotel = (id: string, name: string, amenities: string[], distanceKm: number, rates: ReturnType<typeof rate>[]) => ({
  id: rates[0]!.id, source: 'simulated', checkIn: '2027-05-05', checkOut: '2027-05-15', adults: 2, rooms: 1,
  roomType: rates[0]!.roomType, roomDescription: null, board: rates[0]!.board, nightly: rates[0]!.nightly, total: rates[0]!.total, cancellation: rates[0]!.cancellation, rates,
  hotel: { hotelId: id, name, stars: 3, point: { latitude: 41.89, longitude: 12.49 }, cityCode: 'ROM', address: null, amenities, neighbourhood: 'Monti', distanceKm },
});
// As the API answers near the Colosseum: each offer at its cheapest rate, every rate listed.
const central = hotel('H1', 'Hotel Central', ['wifi', 'breakfast'], 0.9, [rate('H1-r', 'Room only', 110), rate('H1-b', 'Breakfast included', 136)]);
const royal = hotel('H2', 'Hotel Royal', ['wifi'], 1.3, [rate('H2-r', 'Room only', 95)]);
const pricey = hotel('H3', 'Palazzo Grande', ['breakfast', 'spa'], 0.4, [rate('H3-b', 'Breakfast included', 260)]);
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('a stay asked for in the chat', () => {
  beforeEach(() => sessionStorage.clear());

  it('opens the hotel list beside the chat near the place named, filtered on the breakfast and the price a night asked for, each filter undoable', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z' }));
    on('GET', '/api/v1/hotels/search', { body: { offers: [royal, central, pricey], count: 3, source: 'simulated', near: { name: 'Colosseum', address: null, point: { latitude: 41.8902, longitude: 12.4922 }, cityCode: 'ROM', source: 'gazetteer' } } });
    const card = { kind: 'hotel', offerId: 'H1-b', hotel: { ...central, id: 'H1-b', board: 'Breakfast included', nightly: money(136), total: money(1360) } };
    const search = { kind: 'hotels', total: 3, query: { cityCode: 'ROM', checkIn: '2027-05-05', checkOut: '2027-05-15', adults: '2', rooms: '1', currency: 'USD', near: 'Colosseum', maxNightly: '200', amenities: 'breakfast' } };
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => new Response(
      sse('delta', { text: 'Here is 1 hotel in Rome, within 2 km of the Colosseum, with breakfast, under $200 a night.' })
        + sse('cards', { cards: [card], suggestions: [], search })
        + sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false }),
      { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
    ));
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'a hotel near the colosseum with breakfast, under 200 a night');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    // The chat card says how far the hotel is from the place asked for, and that breakfast is in the rate.
    const chatCard = await screen.findByRole('article', { name: /Hotel Central, \$136/ });
    expect(chatCard).toHaveTextContent('900 m from Colosseum');
    expect(chatCard).toHaveTextContent('Breakfast included');
    expect(chatCard).toHaveTextContent(/\$136(\.00)? a night · \$1,360(\.00)? total/);

    // The hotel list beside the chat searches around the place, and starts with the wishes ticked.
    const results = screen.getByRole('region', { name: 'Search and results' });
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/v1/hotels/search'))).toBe(true));
    const url = new URL(calls.filter((c) => c.path.startsWith('/api/v1/hotels/search')).at(-1)!.path, 'http://localhost');
    expect(url.searchParams.get('near')).toBe('Colosseum');
    expect(url.searchParams.get('cityCode')).toBe('ROM');
    const filters = await within(results).findByRole('form', { name: 'Filter hotels' });
    expect(within(filters).getByRole('checkbox', { name: 'Breakfast included' })).toBeChecked();
    expect(within(filters).getByRole('spinbutton', { name: 'Max a night' })).toHaveValue(200);
    expect(within(filters).getByRole('combobox', { name: 'Sort by' })).toHaveTextContent('Distance to Colosseum');
    const shown = within(results).getAllByRole('article');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toHaveTextContent('Hotel Central');
    expect(shown[0]).toHaveTextContent('900 m from Colosseum');
    const rates = within(within(shown[0]!).getByRole('list', { name: 'Rates at Hotel Central' })).getAllByRole('listitem');
    expect(rates).toHaveLength(1);
    expect(rates[0]).toHaveTextContent('Breakfast included');

    // Undoing the wishes in the list shows the hotels the chat left out.
    await userEvent.click(within(filters).getByRole('checkbox', { name: 'Breakfast included' }));
    await userEvent.clear(within(filters).getByRole('spinbutton', { name: 'Max a night' }));
    expect(within(results).getAllByRole('article')).toHaveLength(3);
  });
});
