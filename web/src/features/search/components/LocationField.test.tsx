import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { calls, json, on } from '@/test/server';

const london = [
  { code: 'LON', kind: 'metro', name: 'London', city: 'London', countryCode: 'GB', point: { latitude: 51.5, longitude: -0.12 }, timeZone: 'Europe/London' },
  { code: 'LHR', kind: 'airport', name: 'London Heathrow Airport', city: 'London', countryCode: 'GB', point: { latitude: 51.47, longitude: -0.45 }, timeZone: 'Europe/London' },
];
const lisbon = [{ code: 'LIS', kind: 'airport', name: 'Humberto Delgado Airport', city: 'Lisbon', countryCode: 'PT', point: { latitude: 38.77, longitude: -9.13 }, timeZone: 'Europe/Lisbon' }];

describe('places by name', () => {
  it('suggests cities and airports as you type, takes a full name, and offers "did you mean" for a typo', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('GET', '/api/v1/locations', (request) => {
      const q = new URL(request.url).searchParams.get('q')!.toLowerCase();
      if ('london'.startsWith(q)) return json(200, { locations: london, source: 'gazetteer' });
      if ('lisbon'.startsWith(q)) return json(200, { locations: lisbon, source: 'gazetteer' });
      return json(200, { locations: [], source: 'gazetteer' });
    });
    on('GET', '/api/v1/flights/search', { body: { offers: [], count: 0, source: 'simulated' } });
    const { router } = renderApp('/search');

    const from = await screen.findByRole('combobox', { name: 'From' });
    await userEvent.type(from, 'Lond');
    expect(await screen.findByRole('option', { name: 'London — all airports (LON)' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'London Heathrow Airport (LHR)' })).toBeInTheDocument();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(from).toHaveValue('London (LHR)');

    const to = screen.getByRole('combobox', { name: 'To' });
    await userEvent.type(to, 'Lisbn');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/We don't know "Lisbn"/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Humberto Delgado Airport (LIS)' }));
    expect(to).toHaveValue('Lisbon (LIS)');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toContain('from=LHR'));
    expect(router.state.location.search).toContain('to=LIS');
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/v1/flights/search?origin=LHR&destination=LIS'))).toBe(true));
  });
});
