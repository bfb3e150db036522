import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FlightOffer } from '../api/types';
import { FlightResults } from './FlightResults';

const seg = (carrier: string, no: string, from: string, to: string, dep: string, arr: string) => ({ carrierCode: carrier, flightNumber: no, origin: from, destination: to, departure: dep, arrival: arr, duration: '06:00:00' });
const offers: FlightOffer[] = [
  { id: '1', source: 'simulated', cabin: 'economy', validatingAirline: 'TP', priceBreakdown: [], totalPrice: { amount: 612, currency: 'USD' }, itineraries: [{ duration: '06:35:00', segments: [seg('TP', '218', 'BOS', 'LIS', '2026-03-12T18:05:00-04:00', '2026-03-13T05:40:00+00:00')] }] },
  { id: '2', source: 'amadeus', cabin: 'economy', validatingAirline: 'UA', priceBreakdown: [], totalPrice: { amount: 455, currency: 'USD' }, itineraries: [{ duration: '11:20:00', segments: [seg('UA', '90', 'BOS', 'EWR', '2026-03-12T07:10:00-04:00', '2026-03-12T08:40:00-04:00'), seg('UA', '65', 'EWR', 'LIS', '2026-03-12T10:00:00-04:00', '2026-03-12T22:30:00+00:00')] }] },
];

describe('flight results', () => {
  it('shows local times with city names and the next-day mark, airline names, layover airports, price, and says which offers are simulated', () => {
    render(<FlightResults offers={offers} />);
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(2);
    const tap = cards.find((c) => c.textContent?.includes('TP 218'))!;
    expect(tap).toHaveAccessibleName(/18:05 Boston → 05:40 Lisbon, \+1/);
    expect(tap).toHaveTextContent('TAP Portugal');
    expect(tap).toHaveTextContent('6h 35m');
    expect(tap).toHaveTextContent('Nonstop');
    expect(tap).toHaveTextContent('$612');
    expect(tap).not.toHaveTextContent('UTC');
    expect(within(tap).getByText('Simulated offer — not bookable with a real airline')).toBeInTheDocument();
    const united = cards.find((c) => c.textContent?.includes('UA 90'))!;
    expect(united).toHaveTextContent('1 stop in Newark (EWR, 1h 20m)');
    expect(within(united).queryByText(/Simulated offer/)).toBeNull();
  });

  it('sorts cheapest first, filters to nonstop flights and names airlines in the filter', async () => {
    render(<FlightResults offers={offers} />);
    expect(screen.getAllByRole('article')[0]).toHaveTextContent('$455');
    expect(screen.getByRole('checkbox', { name: 'United Airlines' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Stops'), 'Nonstop only');
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByRole('article')).toHaveTextContent('TP 218');
    expect(screen.getByRole('status')).toHaveTextContent('1 flight of 2');
  });

  it('shows ten at a time with "show more"', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ ...offers[0]!, id: `o${i}`, totalPrice: { amount: 500 + i, currency: 'USD' } }));
    render(<FlightResults offers={many} onPick={() => undefined} />);
    expect(screen.getAllByRole('article')).toHaveLength(10);
    await userEvent.click(screen.getByRole('button', { name: /Show 10 more flights \(13 left\)/ }));
    expect(screen.getAllByRole('article')).toHaveLength(20);
    await userEvent.click(screen.getByRole('button', { name: /Show 3 more flights/ }));
    expect(screen.getAllByRole('article')).toHaveLength(23);
    expect(screen.queryByRole('button', { name: /Show .* more/ })).toBeNull();
  });

  it('warns of the last few seats in words a traveller reads: "1 seat left", "4 seats left", nothing when plenty', () => {
    render(<FlightResults offers={[{ ...offers[0]!, seatsLeft: 1 }, { ...offers[1]!, seatsLeft: 4 }, { ...offers[0]!, id: '3', seatsLeft: 9 }]} />);
    const [cheap, dear, roomy] = [screen.getAllByRole('article').find((c) => c.textContent?.includes('$455'))!, ...screen.getAllByRole('article').filter((c) => c.textContent?.includes('$612'))];
    expect(cheap).toHaveTextContent('4 seats left');
    const texts = [dear!.textContent, roomy!.textContent];
    expect(texts.filter((t) => t?.includes('1 seat left'))).toHaveLength(1);
    expect(texts.some((t) => t?.includes('1 seats'))).toBe(false);
    expect(texts.filter((t) => t?.includes('left'))).toHaveLength(1);
  });
});
