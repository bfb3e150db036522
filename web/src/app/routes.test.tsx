import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calls, json, on, signedIn } from '@/test/server';
import { renderApp } from '@/test/render';

describe('routes', () => {
  it('sends a signed-out visitor to sign in', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    const { router } = renderApp('/travelers');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('shows the problem details of a failed sign-in beside the form', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('POST', '/api/v1/account/login', { status: 401, body: { title: 'Sign-in failed.', detail: 'The email or the password is wrong.', status: 401 } });
    renderApp('/sign-in');
    await userEvent.type(await screen.findByLabelText('Email'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password-1');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or the password is wrong.');
  });

  it('checks the sign-up form before sending it, and shows the server’s field error beside the field', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('POST', '/api/v1/account/register', { status: 400, body: { title: 'Validation', status: 400, errors: { email: ['Enter a valid email address.'] } } });
    renderApp('/sign-up');
    await userEvent.click(await screen.findByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter your email address/);
    expect(calls.some((c) => c.path.includes('/register'))).toBe(false);

    await userEvent.type(screen.getByLabelText('Email'), 'ana@example');
    await userEvent.type(screen.getByLabelText('Password'), 'a long enough passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter a valid email address/));
  });

  it('signs a new account straight in after sign-up', async () => {
    let signedInNow = false;
    on('GET', '/api/v1/account/me', () =>
      signedInNow
        ? json(200, { id: '0196a3b4-0000-7000-8000-000000000001', email: 'liam.o’brien@example.com', emailConfirmed: false, roles: ['user'], createdAt: '2026-01-01T00:00:00Z' })
        : json(401, { title: 'Unauthorized', status: 401 }),
    );
    on('POST', '/api/v1/account/register', { status: 202, body: { status: 'accepted', detail: 'Check your inbox.' } });
    on('POST', '/api/v1/account/login', () => {
      signedInNow = true;
      return json(200, {});
    });
    const { router } = renderApp('/sign-up');
    await userEvent.type(await screen.findByLabelText('Email'), "liam.o'brien@example.com");
    await userEvent.type(screen.getByLabelText('Password'), 'a long enough passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(JSON.parse(calls.find((c) => c.path === '/api/v1/account/register')!.body)).toEqual({ email: "liam.o'brien@example.com", password: 'a long enough passphrase' });
  });

  it('says "check your email", not "wrong password", when the address already had an account', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    // Sign-up answers the same for every address; signing in then fails because the account has another password.
    on('POST', '/api/v1/account/register', { status: 202, body: { status: 'accepted', detail: 'Check your inbox.' } });
    on('POST', '/api/v1/account/login', { status: 401, body: { title: 'Sign-in failed.', detail: 'The email or the password is wrong.', status: 401 } });
    const { router } = renderApp('/sign-up');
    await userEvent.type(await screen.findByLabelText('Email'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'a long enough passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent("We've sent an email to ana@example.com.");
    expect(screen.getByRole('status')).toHaveTextContent('If you already have an account with this address, sign in with its password');
    expect(screen.queryByText(/wrong/i)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    expect(router.state.location.pathname).toBe('/sign-up');
  });

  it('confirms the email from the emailed link', async () => {
    on('GET', '/api/v1/account/me', { status: 401 });
    on('POST', '/api/v1/account/confirm-email', { status: 204 });
    renderApp('/confirm-email?userId=0196a3b4-0000-7000-8000-000000000001&code=abc');
    expect(await screen.findByText('Your email is confirmed.')).toBeInTheDocument();
    expect(JSON.parse(calls.find((c) => c.path === '/api/v1/account/confirm-email')!.body)).toEqual({ userId: '0196a3b4-0000-7000-8000-000000000001', code: 'abc' });
  });

  it('lists travelers, with an empty state first', async () => {
    signedIn();
    on('GET', '/api/v1/travelers', { body: [] });
    renderApp('/travelers');
    expect(await screen.findByText('No travelers yet')).toBeInTheDocument();
  });

  it('says "not found" for a traveler that is not the user’s', async () => {
    signedIn();
    renderApp('/travelers/0196a3b4-0000-7000-8000-00000000dead');
    expect(await screen.findByRole('heading', { name: 'Traveler not found' })).toBeInTheDocument();
  });

  it('says plainly what the privacy section offers today, with no "coming soon" list', async () => {
    signedIn();
    renderApp('/account');
    expect(await screen.findByRole('heading', { name: 'Privacy' })).toBeInTheDocument();
    expect(screen.getByText(/encrypted with a key of your own/)).toBeInTheDocument();
    expect(screen.queryByText('Coming soon')).toBeNull();
  });

  it('signs out everywhere from the account page and lands on sign-in, saying so', async () => {
    signedIn();
    on('POST', '/api/v1/account/logout-everywhere', { body: { sessionsEnded: 3 } });
    const { router } = renderApp('/account');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.getByRole('status')).toHaveTextContent("You're signed out everywhere (3 sessions ended). Sign in again to continue.");
    const call = calls.find((c) => c.path === '/api/v1/account/logout-everywhere')!;
    expect(call.method).toBe('POST');
    expect(call.headers.get('X-XSRF-TOKEN')).toBe('af-token');
  });
});

describe('traveler form', () => {
  it('shows a client-side error beside the field, then the server’s, then saves with the antiforgery token', async () => {
    signedIn();
    on('GET', '/api/v1/travelers', { body: [] });
    let attempts = 0;
    on('POST', '/api/v1/travelers', async (request) => {
      attempts++;
      const body = (await request.json()) as { nationality: string };
      if (body.nationality === 'XX') return json(400, { title: 'One or more validation errors occurred.', status: 400, errors: { nationality: ['An ISO 3166 country code such as PT or US.'] } });
      return json(201, { id: 'x' });
    });
    const { router } = renderApp('/travelers/new');
    await userEvent.type(await screen.findByLabelText('Given names'), 'Ana Maria');
    await userEvent.click(screen.getByRole('button', { name: 'Save traveler' }));
    expect(screen.getByLabelText('Surname')).toHaveAccessibleDescription('Required, exactly as on the passport.');
    expect(attempts).toBe(0);

    await userEvent.type(screen.getByLabelText('Surname'), 'Silva');
    await userEvent.type(screen.getByLabelText('Date of birth'), '1990-04-01');
    await userEvent.type(screen.getByLabelText('Nationality'), 'XX');
    await userEvent.click(screen.getByRole('button', { name: 'Save traveler' }));
    await waitFor(() => expect(screen.getByLabelText('Nationality')).toHaveAccessibleDescription(/ISO 3166 country code/));

    await userEvent.clear(screen.getByLabelText('Nationality'));
    await userEvent.type(screen.getByLabelText('Nationality'), 'PT');
    await userEvent.click(screen.getByRole('button', { name: 'Save traveler' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/travelers'));
    const saved = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/travelers').at(-1)!;
    expect(saved.headers.get('X-XSRF-TOKEN')).toBe('af-token');
  });
});
