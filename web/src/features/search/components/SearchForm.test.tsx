import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { TripQuery } from '../api/types';
import { SearchForm } from './SearchForm';

const start: TripQuery = { origin: 'LON', destination: 'TYO', departureDate: '2099-03-01', returnDate: '2099-03-20', adults: 2, cabin: 'economy' };

function renderForm(initial: TripQuery, onSearch: (q: TripQuery) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SearchForm initial={initial} onSearch={onSearch} />
    </QueryClientProvider>,
  );
}

describe('search form, multi-city', () => {
  it('adds flights that start where the last one ended, drops the return, and searches the legs in order', async () => {
    const onSearch = vi.fn();
    renderForm(start, onSearch);
    await userEvent.click(screen.getByRole('button', { name: 'Multi-city: add a flight' }));
    expect(screen.queryByLabelText('Return (optional)')).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Flight 2 from' })).toHaveValue('Tokyo (TYO)');
    await userEvent.type(screen.getByRole('combobox', { name: 'Flight 2 to' }), 'BKK');
    await userEvent.click(screen.getByRole('button', { name: 'Add another flight' }));
    expect(screen.getByRole('combobox', { name: 'Flight 3 from' })).toHaveValue('BKK');
    await userEvent.type(screen.getByRole('combobox', { name: 'Flight 3 to' }), 'LON');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledWith(
      expect.objectContaining({
        returnDate: undefined,
        legs: [
          { origin: 'LON', destination: 'TYO', date: '2099-03-01' },
          { origin: 'TYO', destination: 'BKK', date: '2099-03-04' },
          { origin: 'BKK', destination: 'LON', date: '2099-03-07' },
        ],
      }),
    );
  });

  it('names the flight whose date goes back in time, and does not search', async () => {
    const onSearch = vi.fn();
    renderForm({ ...start, legs: [{ origin: 'LON', destination: 'TYO', date: '2099-03-01' }, { origin: 'TYO', destination: 'BKK', date: '2099-03-08' }] }, onSearch);
    const date = screen.getByLabelText('Flight 2 date');
    await userEvent.clear(date);
    await userEvent.type(date, '2099-02-20');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Flights are flown in order: this one is before the one above.')).toBeInTheDocument();
    expect(onSearch).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove flight 2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledWith(expect.objectContaining({ legs: undefined, origin: 'LON', destination: 'TYO' }));
  });
});

describe('search form, children', () => {
  it('asks each child’s age, refuses to search without it, and sends the ages in order', async () => {
    const onSearch = vi.fn();
    renderForm(start, onSearch);
    expect(screen.queryByLabelText('Child 1’s age')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Children (2–11)'), '2');
    await userEvent.selectOptions(screen.getByLabelText('Child 1’s age'), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Choose this child’s age on the day of travel.')).toBeInTheDocument();
    expect(screen.getByLabelText('Child 2’s age')).toHaveAttribute('aria-invalid', 'true');
    expect(onSearch).not.toHaveBeenCalled();

    await userEvent.selectOptions(screen.getByLabelText('Child 2’s age'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledWith(expect.objectContaining({ children: 2, childAges: [5, 8] }));

    // One child fewer: the second age goes with it.
    await userEvent.selectOptions(screen.getByLabelText('Children (2–11)'), '1');
    expect(screen.queryByLabelText('Child 2’s age')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenLastCalledWith(expect.objectContaining({ children: 1, childAges: [5] }));
  });
});
