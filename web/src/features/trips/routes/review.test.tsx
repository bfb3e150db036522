import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { calls, json, on, signedIn } from '@/test/server';

const id = '0196a3b4-0000-7000-8000-0000000000aa';
const money = (amount: number) => ({ amount, currency: 'USD' });
const review = {
  tripId: id, title: 'Lisbon for two', travelersNeeded: 2, toPay: [money(1700)], warnings: [],
  items: [
    { offerId: 'fl-1', kind: 'flight', title: 'BOS → LIS and back · TP 218', itemIds: ['a', 'b'], price: money(1224), travelers: { adults: 2, children: 0, infants: 0 }, rules: ['Economy fare, ticketed by TAP Portugal'], cancellation: 'Set by the airline’s fare rules.', refundable: false, freeCancellationUntil: null, simulated: true, bookingId: null, bookingStatus: null },
    { offerId: 'ho-1', kind: 'hotel', title: 'Casa do Rio', itemIds: ['c'], price: money(476), travelers: { adults: 2, children: 0, infants: 0 }, rules: ['Double room, Breakfast included'], cancellation: 'Free cancellation until 2 days before arrival.', refundable: true, freeCancellationUntil: '2027-01-07T23:59:00+00:00', simulated: true, bookingId: null, bookingStatus: null },
  ],
};
const travelers = [
  { id: 't1', givenNames: 'Ana Maria', surname: 'Silva' },
  { id: 't2', givenNames: 'Rui', surname: 'Silva' },
];

describe('review and book a whole trip', () => {
  it('lists what is booked for whom under which terms, asks for the travelers, handles a price change, then books once with one key per attempt', async () => {
    signedIn();
    on('GET', `/api/v1/trips/${id}/review`, { body: review });
    on('GET', '/api/v1/travelers', { body: travelers });
    let attempt = 0;
    on('POST', `/api/v1/trips/${id}/book`, () => {
      attempt++;
      if (attempt === 1)
        return json(409, { title: 'A price has changed.', status: 409, code: 'priceChanged', items: [{ offerId: 'ho-1', kind: 'hotel', title: 'Casa do Rio', status: 'priceChanged', price: money(476), newPrice: money(490), problem: 'The price is now 490.00 USD.' }] });
      return json(201, { tripId: id, status: 'confirmed', items: [{ offerId: 'fl-1', kind: 'flight', title: 'BOS → LIS and back · TP 218', status: 'confirmed', reference: 'K7PQ2M', price: money(1224) }, { offerId: 'ho-1', kind: 'hotel', title: 'Casa do Rio', status: 'confirmed', reference: 'H4X9TR', price: money(490) }] });
    });
    renderApp(`/trips/${id}/review`);

    expect(await screen.findByRole('heading', { name: 'Review and book: Lisbon for two' })).toBeInTheDocument();
    expect(screen.getAllByText('Priced for 2 adults')).toHaveLength(1);
    expect(screen.getByText(/Free cancellation until 2 days before arrival/)).toBeInTheDocument();
    expect(screen.queryByText(/free until/i)).not.toBeInTheDocument(); // the provider's terms are said once, not restated
    expect(screen.getByText('Economy fare, ticketed by TAP Portugal')).toBeInTheDocument();
    expect(screen.getByText(/This trip is for/)).toHaveTextContent('2 travelers');
    const book = screen.getByRole('button', { name: 'Book all 2 for $1,700' });
    expect(book).toBeDisabled();

    await userEvent.click(await screen.findByRole('checkbox', { name: 'Ana Maria Silva' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Rui Silva' }));
    await userEvent.click(book);
    expect(await screen.findByText(/Casa do Rio: now \$490 \(was \$476\)/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept the new price and book' }));

    expect(await screen.findByRole('heading', { name: 'Booked' })).toBeInTheDocument();
    expect(screen.getByText(/booking reference K7PQ2M/)).toBeInTheDocument();
    expect(screen.getByText(/booking reference H4X9TR/)).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/book'));
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[0]!.body)).toEqual({ travelerIds: ['t1', 't2'], acceptPrices: null });
    expect(JSON.parse(posts[1]!.body)).toEqual({ travelerIds: ['t1', 't2'], acceptPrices: { 'ho-1': money(490) } });
    // A new attempt gets a new key; the same attempt would have replayed its answer.
    await waitFor(() => expect(posts[0]!.headers.get('Idempotency-Key')).not.toBe(posts[1]!.headers.get('Idempotency-Key')));
  });
});
