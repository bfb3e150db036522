import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HotelOffer } from '../api/types';
import { HotelResults } from './HotelResults';

const money = (amount: number) => ({ amount, currency: 'EUR' });
const rate = (id: string, roomType: string, board: string, nightly: number, refundable: boolean, until: string | null = null) => ({
  id, roomType, roomDescription: null, board, nightly: money(nightly), total: money(nightly * 3), roomsLeft: null,
  cancellation: { refundable, freeCancellationUntil: until, description: refundable ? 'Free cancellation' : 'Non-refundable' },
});
const hotel = (id: string, name: string, stars: number, amenities: string[], rates: ReturnType<typeof rate>[], extra: Partial<HotelOffer['hotel']> = {}): HotelOffer => ({
  id: rates[0]!.id, source: 'simulated', checkIn: '2027-03-12', checkOut: '2027-03-15', adults: 2, rooms: 1,
  roomType: rates[0]!.roomType, roomDescription: null, board: rates[0]!.board, nightly: rates[0]!.nightly, total: rates[0]!.total, cancellation: rates[0]!.cancellation, rates,
  hotel: { hotelId: id, name, stars, point: { latitude: 38.71, longitude: -9.14 }, cityCode: 'LIS', address: null, amenities, ...extra },
});

const offers: HotelOffer[] = [
  hotel('H1', 'Casa do Chiado', 4, ['wifi', 'breakfast', 'gym'], [rate('H1-a', 'Double room', 'Room only', 120, false), rate('H1-b', 'Double room', 'Breakfast included', 138, true, '2027-03-10T18:00:00+00:00')], {
    neighbourhood: 'Chiado', guestRating: 8.7, reviewCount: 1243, centreDistanceKm: 0.6, distanceKm: 0.6, landmarks: [{ name: 'Praça do Comércio', distanceKm: 0.8 }],
  }),
  hotel('H2', 'Alfama Pool Suites', 5, ['wifi', 'pool', 'spa'], [rate('H2-a', 'Junior suite', 'Half board', 240, true, '2027-03-09T12:00:00+00:00')], { neighbourhood: 'Alfama', guestRating: 9.2, reviewCount: 310, centreDistanceKm: 1.4, distanceKm: 1.4 }),
];

describe('hotel results', () => {
  it('shows one card per hotel with its rates in words, cancellation deadlines in hotel time, amenities, guest rating, neighbourhood and distances', () => {
    render(<HotelResults offers={offers} />);
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(2);
    const chiado = cards.find((c) => c.textContent?.includes('Casa do Chiado'))!;
    expect(chiado).toHaveTextContent('Chiado');
    expect(chiado).toHaveTextContent('8.7');
    expect(chiado).toHaveTextContent('Excellent');
    expect(chiado).toHaveTextContent('1243 reviews');
    expect(chiado).toHaveTextContent('600 m from the centre');
    expect(chiado).toHaveTextContent('800 m to Praça do Comércio');
    expect(within(chiado).getByRole('list', { name: 'At Casa do Chiado' })).toHaveTextContent(/Free wifi.*Breakfast available.*Gym/);
    const rates = within(within(chiado).getByRole('list', { name: 'Rates at Casa do Chiado' })).getAllByRole('listitem');
    expect(rates).toHaveLength(2);
    expect(rates[0]).toHaveTextContent('Room only');
    expect(rates[0]).toHaveTextContent('Non-refundable');
    expect(rates[1]).toHaveTextContent('Breakfast included');
    expect(rates[1]).toHaveTextContent('Free cancellation until Wed 10 Mar, 18:00 hotel time');
    expect(rates[1]).toHaveTextContent(/a night.*€414.*total/);
  });

  it('offers to clear the filters when none of the hotels matches them, and shows them all again', async () => {
    const user = userEvent.setup();
    render(<HotelResults offers={offers} wishes={{ maxNightly: 50, amenities: ['pool'] }} />);
    expect(screen.getByRole('status')).toHaveTextContent('0 hotels of 2');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.getByRole('checkbox', { name: 'Pool' })).not.toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'Max a night' })).toHaveValue(null);
  });

  it('says a price is per room, and how many rooms the total is for, when the party takes more than one', () => {
    render(<HotelResults offers={[{ ...offers[0]!, adults: 4, rooms: 2 }]} />);
    const rates = within(screen.getByRole('list', { name: 'Rates at Casa do Chiado' })).getAllByRole('listitem');
    expect(rates[0]).toHaveTextContent('a room a night');
    expect(rates[0]).toHaveTextContent('2 rooms · €360');
    expect(screen.getByRole('article')).toHaveTextContent(/from €120 a room a night/);
  });

  it('filters by amenity and free cancellation, sorts by guest rating, and selects the rate chosen', async () => {
    const onPick = vi.fn();
    render(<HotelResults offers={offers} onPick={onPick} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Pool' }));
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByRole('article')).toHaveTextContent('Alfama Pool Suites');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Pool' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Free cancellation' }));
    const chiado = screen.getAllByRole('article').find((c) => c.textContent?.includes('Casa do Chiado'))!;
    expect(chiado).not.toHaveTextContent('Non-refundable');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Free cancellation' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'rating');
    expect(screen.getAllByRole('article')[0]).toHaveTextContent('Alfama Pool Suites');
    await userEvent.click(screen.getByRole('button', { name: /Select: Casa do Chiado, Double room, €414/ }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'H1-b', board: 'Breakfast included', total: money(414) }));
  });
});
