import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { on } from '@/test/server';

const money = (amount: number) => ({ amount, currency: 'USD' });

describe('a shared trip', () => {
  it('opens for a visitor without an account, read-only, with a way to plan their own', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('GET', '/api/v1/shared/abcdefghijklmnopqrstuvwxyz012345', {
      body: {
        title: 'Lisbon in spring', startDate: '2027-03-12', endDate: '2027-03-15', currency: 'USD', total: money(1700), partySize: 2, perPerson: money(850), otherCurrencies: [], warnings: [],
        days: [{ date: '2027-03-12', total: money(1224), items: [{ kind: 'flight', title: 'BOS → LIS · TP 218', start: '2027-03-12T18:05:00-04:00', startTimeZone: 'America/New_York', end: '2027-03-13T05:40:00+00:00', endTimeZone: 'Europe/Lisbon', place: { name: 'Boston Logan', latitude: 42.36, longitude: -71 }, endPlace: { name: 'Lisbon', latitude: 38.77, longitude: -9.13 }, price: money(1224), checkIn: null, checkOut: null, simulated: true }] }],
      },
    });
    renderApp('/shared/abcdefghijklmnopqrstuvwxyz012345');
    expect(await screen.findByRole('heading', { name: 'Lisbon in spring' })).toBeInTheDocument();
    expect(screen.getByText(/18:05 Boston → 05:40 Lisbon, \+1/)).toBeInTheDocument();
    expect(screen.getByText('$850 per person')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Plan your own' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: /Remove|Move/ })).toBeNull();
    expect(screen.getByRole('region', { name: 'Map of the shared trip' })).toBeInTheDocument();
  });

  it('says plainly when a link no longer works', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    renderApp('/shared/abcdefghijklmnopqrstuvwxyz000000');
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeInTheDocument();
  });
});
