import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { calls, on, signedIn } from '@/test/server';

const money = (amount: number) => ({ amount, currency: 'USD' });
const item = (id: string, kind: string, title: string, position: number) => ({
  id, kind, position, title, notes: null, start: '2027-01-09T07:25:00-05:00', startTimeZone: 'America/New_York', end: '2027-01-09T21:40:00+00:00', endTimeZone: 'Europe/Lisbon',
  place: { name: 'Boston', latitude: 42.36, longitude: -71.0 }, endPlace: kind === 'flight' ? { name: 'Lisbon', latitude: 38.77, longitude: -9.13 } : null,
  price: money(500), checkIn: null, checkOut: null, offerId: 'o', source: 'simulated', bookingId: null,
});
const trip = {
  id: '0196a3b4-0000-7000-8000-0000000000aa', title: 'Trip to LIS', startDate: '2027-01-09', endDate: '2027-01-12', currency: 'USD',
  budget: money(900), total: money(1000), remaining: money(-100), otherCurrencies: [], travelerIds: [], shared: false, createdAt: '', updatedAt: '',
  warnings: [{ code: 'overBudget', message: 'The trip is over its budget.' }],
  days: [{ date: '2027-01-09', total: money(1000), items: [item('i1', 'flight', 'AA 795 BOS → LIS', 0), item('i2', 'hotel', 'Park Guesthouse', 1)] }],
};

describe('trip', () => {
  it('shows the days in order, totals against the budget, warnings, and moves an item', async () => {
    signedIn();
    on('GET', `/api/v1/trips/${trip.id}`, { body: trip });
    on('POST', `/api/v1/trips/${trip.id}/items/i2/move`, { body: trip });
    renderApp(`/trips/${trip.id}`);
    expect(await screen.findByRole('heading', { name: 'Trip to LIS' })).toBeInTheDocument();
    expect(screen.getByText('The trip is over its budget.')).toBeInTheDocument();
    expect(screen.getByText(/Over budget by/)).toHaveTextContent('$100');
    const titles = screen.getAllByText(/AA 795|Park Guesthouse/).map((e) => e.textContent);
    expect(titles).toEqual(['AA 795 BOS → LIS', 'Park Guesthouse']);
    await userEvent.click(screen.getByRole('button', { name: 'Move Park Guesthouse up' }));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/items/i2/move'))).toBe(true));
    expect(JSON.parse(calls.find((c) => c.path.endsWith('/move'))!.body)).toEqual({ day: '2027-01-09', position: 0 });
  });
});
