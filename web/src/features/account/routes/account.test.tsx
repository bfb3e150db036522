import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calls, json, on, signedIn } from '@/test/server';
import { renderApp } from '@/test/render';

const consents = (granted: boolean | null) => [
  { purpose: 'llm_chat', version: 1, title: 'Send my chat messages to the language model', text: 'Your chat messages are sent to the external language model.', granted, recordedAt: granted === null ? null : '2026-11-30T10:00:00Z' },
  { purpose: 'marketing_email', version: 1, title: 'Email me travel ideas and offers', text: 'Occasional emails.', granted: null, recordedAt: null },
];

const openBooking = {
  id: '0196a3b4-0000-7000-8000-0000000000b1', kind: 'flight', status: 'confirmed', provider: 'simulated', providerReference: 'PNR123',
  summary: 'Flight BOS → LIS', price: { amount: 812.4, currency: 'USD' },
};

describe('account privacy controls', () => {
  it('shows each consent with its state and withdraws the language model consent', async () => {
    signedIn();
    let granted: boolean | null = true;
    on('GET', '/api/v1/account/consents', () => json(200, consents(granted)));
    on('PUT', '/api/v1/account/consents/llm_chat', async (request) => {
      granted = ((await request.json()) as { granted: boolean }).granted;
      return json(200, consents(granted)[0]);
    });
    on('GET', '/api/v1/account/erasure', { body: { openBookings: [] } });
    renderApp('/account');
    const region = await screen.findByRole('region', { name: 'What you agreed to' });
    await within(region).findByText(/Agreed on 30 Nov 2026/);
    await userEvent.click(within(region).getByRole('button', { name: 'Withdraw: Send my chat messages to the language model' }));
    await within(region).findByText(/Withdrawn on/);
    expect(calls.find((c) => c.method === 'PUT')?.body).toBe('{"granted":false}');
    expect(within(region).getByRole('button', { name: 'Agree to: Send my chat messages to the language model' })).toBeInTheDocument();
  });

  it('asks for the password before preparing the download, then offers the link and its expiry', async () => {
    signedIn();
    on('GET', '/api/v1/account/consents', { body: consents(null) });
    on('GET', '/api/v1/account/erasure', { body: { openBookings: [] } });
    on('POST', '/api/v1/account/export', async (request) => {
      const body = (await request.json()) as { password: string };
      return body.password === 'right password here'
        ? json(201, { downloadUrl: '/api/v1/account/export?token=abc', expiresAt: '2026-12-07T10:00:00Z' })
        : json(400, { title: 'Validation', status: 400, errors: { password: ['The password is wrong.'] } });
    });
    renderApp('/account');
    const region = await screen.findByRole('region', { name: 'Download your data' });
    await userEvent.click(within(region).getByRole('button', { name: 'Prepare my download' }));
    expect(within(region).getByLabelText('Your password, to confirm it is you')).toHaveAccessibleDescription('Enter your password.');
    expect(calls.some((c) => c.path.startsWith('/api/v1/account/export'))).toBe(false);
    await userEvent.type(within(region).getByLabelText('Your password, to confirm it is you'), 'wrong');
    await userEvent.click(within(region).getByRole('button', { name: 'Prepare my download' }));
    await waitFor(() => expect(within(region).getByLabelText('Your password, to confirm it is you')).toHaveAccessibleDescription('The password is wrong.'));
    await userEvent.clear(within(region).getByLabelText('Your password, to confirm it is you'));
    await userEvent.type(within(region).getByLabelText('Your password, to confirm it is you'), 'right password here');
    await userEvent.click(within(region).getByRole('button', { name: 'Prepare my download' }));
    const link = await within(region).findByRole('link', { name: 'Download your data (ZIP)' });
    expect(link).toHaveAttribute('href', '/api/v1/account/export?token=abc');
    expect(region).toHaveTextContent('The link works until 7 Dec 2026');
  });

  it('lists the open booking and asks what to do with it before deleting the account', async () => {
    signedIn();
    on('GET', '/api/v1/account/consents', { body: consents(null) });
    on('GET', '/api/v1/account/erasure', { body: { openBookings: [openBooking] } });
    on('DELETE', '/api/v1/account/me', () => new Response(null, { status: 204 }));
    const { router } = renderApp('/account');
    const region = await screen.findByRole('region', { name: 'Delete your account' });
    await within(region).findByText(/Flight BOS → LIS · PNR123/);
    await userEvent.type(within(region).getByLabelText('Your password, to confirm it is you'), 'my password');
    await userEvent.click(within(region).getByRole('checkbox', { name: 'I understand this cannot be undone.' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Delete my account' }));
    expect(within(region).getByText('Choose what happens to your bookings.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(within(region).getByRole('radio', { name: /Keep it/ }));
    await userEvent.click(within(region).getByRole('button', { name: 'Delete my account' }));
    await screen.findByText('Your account was deleted.');
    expect(router.state.location.pathname).toBe('/privacy');
    expect(JSON.parse(calls.find((c) => c.method === 'DELETE')!.body)).toEqual({ password: 'my password', confirmEmail: null, openBookings: 'keep' });
  });
});
