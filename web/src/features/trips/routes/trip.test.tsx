import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { calls, json, on, signedIn } from '@/test/server';

const money = (amount: number) => ({ amount, currency: 'USD' });
const item = (id: string, kind: string, title: string, position: number) => ({
  id, kind, position, title, notes: null, start: '2027-01-09T07:25:00-05:00', startTimeZone: 'America/New_York', end: '2027-01-10T06:40:00+00:00', endTimeZone: 'Europe/Lisbon',
  place: { name: 'Boston', latitude: 42.36, longitude: -71.0 }, endPlace: kind === 'flight' ? { name: 'Lisbon', latitude: 38.77, longitude: -9.13 } : null,
  price: money(500), checkIn: kind === 'hotel' ? '2027-01-10' : null, checkOut: kind === 'hotel' ? '2027-01-12' : null, offerId: 'o', source: 'simulated', bookingId: null, bookingStatus: null,
});
const trip = {
  id: '0196a3b4-0000-7000-8000-0000000000aa', title: 'Trip to LIS', startDate: '2027-01-09', endDate: '2027-01-12', currency: 'USD',
  budget: money(900), total: money(1000), remaining: money(-100), otherCurrencies: [], travelerIds: [], shared: false, createdAt: '', updatedAt: '',
  notes: 'Bring the adapters.', partySize: 2, perPerson: money(500),
  warnings: [{ code: 'budgetExceeded', message: 'The trip is over its budget.' }],
  days: [{ date: '2027-01-09', total: money(1000), items: [item('i1', 'flight', 'BOS → LIS · AA 795', 0), item('i2', 'hotel', 'Park Guesthouse', 1)] }, { date: '2027-01-10', total: money(0), items: [] }],
};

describe('trip', () => {
  it('shows the days in order with local times by city, per-person totals against the budget, notes and warnings, and moves an item', async () => {
    signedIn();
    on('GET', `/api/v1/trips/${trip.id}`, { body: trip });
    on('POST', `/api/v1/trips/${trip.id}/items/i2/move`, { body: trip });
    renderApp(`/trips/${trip.id}`);
    expect(await screen.findByRole('heading', { name: 'Trip to LIS' })).toBeInTheDocument();
    expect(screen.getByText('The trip is over its budget.')).toBeInTheDocument();
    expect(screen.getByText(/Over budget by/)).toHaveTextContent('$100');
    expect(screen.getByText('$500 per person')).toBeInTheDocument();
    expect(screen.getByText('Bring the adapters.')).toBeInTheDocument();
    expect(screen.getByText(/07:25 Boston → 06:40 Lisbon, \+1/)).toBeInTheDocument();
    expect(screen.getByText(/Check-in Sun 10 Jan from 15:00/)).toBeInTheDocument();
    const titles = screen.getAllByText(/AA 795|Park Guesthouse/).map((e) => e.textContent);
    expect(titles).toEqual(['BOS → LIS · AA 795', 'Park Guesthouse']);
    expect(screen.getByRole('link', { name: 'Review and book' })).toHaveAttribute('href', `/trips/${trip.id}/review`);
    await userEvent.click(screen.getByRole('button', { name: 'Move Park Guesthouse up' }));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/items/i2/move'))).toBe(true));
    expect(JSON.parse(calls.find((c) => c.path.endsWith('/move'))!.body)).toEqual({ day: '2027-01-09', position: 0 });
  });

  it('shows the first warnings, the rest on request, and how many the server did not list', async () => {
    signedIn();
    const many = Array.from({ length: 50 }, (_, i) => ({ code: 'overlap', message: `Walking tour 1 and Walking tour ${i + 2} overlap.` }));
    on('GET', `/api/v1/trips/${trip.id}`, { body: { ...trip, warnings: many, warningsNotShown: 149 } });
    renderApp(`/trips/${trip.id}`);
    expect(await screen.findByText('Walking tour 1 and Walking tour 2 overlap.')).toBeInTheDocument();
    expect(screen.queryByText('Walking tour 1 and Walking tour 10 overlap.')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show 191 more warnings' }));
    expect(screen.getByText('Walking tour 1 and Walking tour 51 overlap.')).toBeInTheDocument();
    expect(screen.getByText(/and 149 more warnings/)).toBeInTheDocument();
  });

  it('edits the name, dates, party size, budget and notes in place, and shows the server’s reason when a move is refused', async () => {
    signedIn();
    on('GET', `/api/v1/trips/${trip.id}`, { body: trip });
    on('PUT', `/api/v1/trips/${trip.id}`, async (request) => json(200, { ...trip, ...(await request.json()), budget: money(2000), perPerson: money(250) }));
    on('POST', `/api/v1/trips/${trip.id}/items/i1/move`, {
      status: 400,
      body: { title: 'One or more validation errors occurred.', status: 400, errors: { day: ['BOS → LIS · AA 795 flies on Sat 9 Jan: a flight cannot move to another day.'] } },
    });
    renderApp(`/trips/${trip.id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit trip' }));
    const form = screen.getByRole('form', { name: 'Edit the trip' });
    await userEvent.clear(within(form).getByLabelText('Trip name'));
    await userEvent.type(within(form).getByLabelText('Trip name'), 'Lisbon with Rui');
    await userEvent.selectOptions(within(form).getByLabelText('How many people'), '4');
    await userEvent.clear(within(form).getByLabelText('Budget (optional)'));
    await userEvent.type(within(form).getByLabelText('Budget (optional)'), '2000');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { name: 'Lisbon with Rui' })).toBeInTheDocument();
    const sent = JSON.parse(calls.find((c) => c.method === 'PUT')!.body);
    expect(sent).toMatchObject({ title: 'Lisbon with Rui', partySize: 4, budget: 2000, notes: 'Bring the adapters.', startDate: '2027-01-09', endDate: '2027-01-12' });

    const day2 = screen.getAllByRole('listitem').find((li) => li.textContent?.startsWith('Sun 10 Jan'))!;
    expect(day2).toBeDefined();
    // A refused move says why.
    const { fireEvent } = await import('@testing-library/react');
    fireEvent.dragStart(screen.getByText('BOS → LIS · AA 795').closest('li')!);
    fireEvent.drop(day2);
    expect(await screen.findByText(/a flight cannot move to another day/)).toBeInTheDocument();
  });
});
