import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render';
import { calls, json, on, signedIn } from '@/test/server';

const money = (amount: number) => ({ amount, currency: 'USD' });
const summary = (n: number) => ({
  id: `0196a3b4-0000-7000-8000-${String(n).padStart(12, '0')}`, title: `Trip number ${n}`, startDate: '2027-01-09', endDate: '2027-01-12',
  items: 0, total: money(0), budget: null,
});

describe('trips', () => {
  it('lists every trip, following the API\u2019s pages (Link rel="next") to the last one', async () => {
    signedIn();
    on('GET', '/api/v1/trips', (request) => {
      const page = Number(new URL(request.url).searchParams.get('page') ?? 1);
      const rows = page === 1 ? [1, 2] : [3];
      const response = json(200, rows.map(summary));
      if (page === 1) response.headers.set('Link', '</api/v1/trips?page=2&pageSize=100>; rel="next"');
      return response;
    });
    renderApp('/trips');
    expect(await screen.findByRole('link', { name: 'Trip number 3' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Trip number/ }).map((e) => e.textContent)).toEqual(['Trip number 1', 'Trip number 2', 'Trip number 3']);
    expect(calls.filter((c) => c.path.startsWith('/api/v1/trips')).map((c) => c.path)).toEqual(['/api/v1/trips?pageSize=100', '/api/v1/trips?page=2&pageSize=100']);
  });
});
