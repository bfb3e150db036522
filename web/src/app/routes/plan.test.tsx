import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { calls, json, on } from '@/test/server';
import { renderApp } from '@/test/render';

const sessionId = '0196a3b4-0000-7000-8000-00000000c4a7';
const seg = { carrierCode: 'TP', flightNumber: '218', origin: 'BOS', destination: 'LIS', departure: '2027-01-08T18:05:00-05:00', arrival: '2027-01-09T05:40:00+00:00', duration: '06:35:00' };
const back = { ...seg, flightNumber: '217', origin: 'LIS', destination: 'BOS', departure: '2027-01-15T10:00:00+00:00', arrival: '2027-01-15T13:20:00-05:00' };
const offer = {
  id: 'fl-1', source: 'simulated', cabin: 'economy', validatingAirline: 'TP', priceBreakdown: [{ type: 'ADULT', count: 2, perPerson: { amount: 612, currency: 'USD' } }],
  totalPrice: { amount: 1224, currency: 'USD' }, itineraries: [{ duration: '06:35:00', segments: [seg] }, { duration: '08:20:00', segments: [back] }],
};
const flight = { kind: 'flight', offerId: 'fl-1', flight: offer };
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const anonymous = () => on('GET', '/api/v1/account/me', { status: 401 });

describe('the planner: chat and results in one workspace, open to try', () => {
  beforeEach(() => sessionStorage.clear());

  it('lets a visitor without an account chat; the reply streams, fills the search form and shows the full list beside the chat', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    const encoder = new TextEncoder();
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (stream = c) });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    });
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Plan a trip' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Create account' })).toBeInTheDocument();
    expect(screen.getByText('Where to?')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Message'), 'Two of us, Boston to Lisbon');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    // The first delta is on screen while the rest of the reply is still to come.
    await waitFor(() => expect(stream).toBeDefined());
    stream.enqueue(encoder.encode(sse('delta', { text: 'I found 1 round trip ' })));
    expect(await screen.findByText(/I found 1 round trip/)).toBeInTheDocument();
    stream.enqueue(encoder.encode(sse('delta', { text: 'from $1,224.' }) + sse('cards', { cards: [flight], suggestions: ['Nonstop only'] })));
    stream.enqueue(encoder.encode(sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false })));
    stream.close();

    const card = await screen.findByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    expect(within(card).getByText('Simulated offer — not bookable with a real airline')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');

    // What the assistant understood fills the form, and the full list is beside the chat.
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'From' })).toHaveValue('Boston (BOS)'));
    expect(screen.getByRole('combobox', { name: 'To' })).toHaveValue('Lisbon (LIS)');
    expect(screen.getByLabelText('Depart')).toHaveValue('2027-01-08');
    expect(screen.getByLabelText('Adults')).toHaveValue('2');
    const results = screen.getByRole('region', { name: 'Search and results' });
    expect(await within(results).findByRole('heading', { name: /Boston → Lisbon/ })).toBeInTheDocument();
    expect(await within(results).findByRole('list', { name: 'Flights' })).toBeInTheDocument();
    const search = calls.find((c) => c.path.startsWith('/api/v1/flights/search'))!;
    expect(search.path).toContain('origin=BOS');
    expect(search.path).toContain('returnDate=2027-01-15');
    expect(screen.getByRole('button', { name: /See all flights beside the chat/ })).toBeInTheDocument();

    // A chip is the next message.
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => new Response(sse('delta', { text: 'Only nonstop flights now.' }) + sse('cards', { cards: [], suggestions: [] }) + sse('done', {}), { headers: { 'Content-Type': 'text/event-stream' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Nonstop only' }));
    expect(await screen.findByText('Only nonstop flights now.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/chat/sessions')).toHaveLength(1);
  });

  it('applies what the reply searched to the results beside the chat: nonstop only, the cabin, the party', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    const search = {
      kind: 'flights', total: 1,
      query: { origin: 'BOS', destination: 'LIS', departureDate: '2027-01-08', returnDate: '2027-01-15', adults: '3', children: '0', infants: '0', cabin: 'premium_economy', nonStop: 'true', currency: 'USD' },
    };
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () =>
      new Response(sse('delta', { text: 'Nonstop only now.' }) + sse('cards', { cards: [flight], suggestions: [], search }) + sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false }), { headers: { 'Content-Type': 'text/event-stream' } }));
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'cheapest nonstop please');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Nonstop only' })).toBeChecked());
    expect(screen.getByLabelText('Cabin')).toHaveValue('premiumEconomy');
    expect(screen.getByLabelText('Adults')).toHaveValue('3');
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/v1/flights/search'))).toBe(true));
    const request = calls.find((c) => c.path.startsWith('/api/v1/flights/search'))!;
    expect(request.path).toContain('nonStop=true');
    expect(request.path).toContain('adults=3');
  });

  it('shows a weather answer after flights were found, without taking its card for an offer', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    const climate = { kind: 'climate', offerId: 'climate-LIS-1', climate: { code: 'LIS', city: 'Lisbon', country: 'Portugal', month: 1, highC: 15, lowC: 8, dryDays: 20, snowDays: null, rainfallMm: 100 } };
    const search = { kind: 'flights', total: 1, query: { origin: 'BOS', destination: 'LIS', departureDate: '2027-01-08', returnDate: '2027-01-15', adults: '2', currency: 'USD' } };
    let turn = 0;
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => {
      turn += 1;
      const body = turn === 1
        ? sse('delta', { text: 'Here are flights from Boston to Lisbon.' }) + sse('cards', { cards: [flight], suggestions: [], search }) + sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false })
        : sse('delta', { text: 'In January Lisbon is usually 8 to 15 °C.' }) + sse('cards', { cards: [climate], suggestions: [] }) + sse('done', { messageId: 'm4', userMessageId: 'm3', mode: 'offline', fallback: false });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'two of us Boston to Lisbon on January 8 for a week');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/Here are flights from Boston to Lisbon\./)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Message'), 'what is the weather like there in january?');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/In January Lisbon is usually 8 to 15 °C\./)).toBeInTheDocument();
    expect(screen.queryByText(/Unexpected Application Error/)).not.toBeInTheDocument();
  });

  it('shows only the kind of things to do asked for ("food tours") beside the chat, with a way to see everything', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    const activity = (id: string, name: string, category: string) => ({ id, source: 'simulated', name, category, description: null, duration: 'PT3H', price: { amount: 70, currency: 'USD' }, point: { latitude: 41.9, longitude: 12.5 } });
    const tour = activity('a1', 'Rome food tour', 'Food & Drink');
    on('GET', '/api/v1/activities/search', (request) =>
      json(200, new URL(request.url).searchParams.get('interest') === 'food'
        ? { activities: [tour], count: 1, source: 'simulated' }
        : { activities: [tour, activity('a2', 'Guided tour of the Colosseum', 'Tour')], count: 2, source: 'simulated' }));
    const search = { kind: 'activities', total: 1, query: { cityCode: 'ROM', currency: 'USD', interest: 'food' } };
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () =>
      new Response(sse('delta', { text: 'Here are 1 things to do for food and drink in Rome.' }) + sse('cards', { cards: [{ kind: 'activity', offerId: 'a1', activity: tour }], suggestions: [], search }) + sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false }), { headers: { 'Content-Type': 'text/event-stream' } }));
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'food tours in Rome');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    const results = screen.getByRole('region', { name: 'Search and results' });
    expect(await within(results).findByText(/Only food and drink\./)).toBeInTheDocument();
    expect(within(results).getByText('Rome food tour')).toBeInTheDocument();
    expect(within(results).queryByText('Guided tour of the Colosseum')).not.toBeInTheDocument();
    expect(calls.find((c) => c.path.startsWith('/api/v1/activities/search'))!.path).toContain('interest=food');

    await userEvent.click(within(results).getByRole('button', { name: 'Show everything to do' }));
    expect(await within(results).findByText('Guided tour of the Colosseum')).toBeInTheDocument();
    expect(within(results).queryByText(/Only food and drink/)).not.toBeInTheDocument();
  });

  it('keeps the trip\'s dates when the next reply finds a stay from the day the overnight flight lands, so the picked flight still fits', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    on('POST', `/api/v1/chat/sessions/${sessionId}/selections`, { body: { sessionId, selections: [] } });
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    on('GET', '/api/v1/hotels/search', { body: { offers: [], count: 0, source: 'simulated' } });
    const flights = { kind: 'flights', total: 1, query: { origin: 'BOS', destination: 'LIS', departureDate: '2027-01-08', returnDate: '2027-01-15', adults: '2', cabin: 'economy' } };
    const stays = { kind: 'hotels', total: 0, query: { cityCode: 'LIS', checkIn: '2027-01-09', checkOut: '2027-01-15', adults: '2', rooms: '1', currency: 'USD' } };
    let turn = 0;
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => {
      const [text, cards, search] = turn++ === 0 ? ['I found 1 round trip.', [flight], flights] : ['No hotel is free then.', [], stays];
      return new Response(sse('delta', { text }) + sse('cards', { cards, suggestions: [], search }) + sse('done', { messageId: `m${turn * 2}`, userMessageId: `m${turn * 2 - 1}`, mode: 'offline', fallback: false }), { headers: { 'Content-Type': 'text/event-stream' } });
    });
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'two of us Boston to Lisbon 8 to 15 January');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const card = await screen.findByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Pick this flight' }));
    await userEvent.type(screen.getByLabelText('Message'), 'and a hotel');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('No hotel is free then.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Hotels' })).toHaveAttribute('aria-selected', 'true'));
    expect(screen.getByLabelText('Depart')).toHaveValue('2027-01-08');
    const tray = screen.getByRole('region', { name: 'Your trip so far' });
    expect(within(tray).queryByRole('note')).not.toBeInTheDocument();
    expect(await screen.findByText('Checking in Sat 9 Jan, the day your flight lands.')).toBeInTheDocument();
  });

  it('reopens a long conversation at its latest messages and shows the earlier ones above on request', async () => {
    sessionStorage.setItem('pathavana.chat.session', sessionId);
    anonymous();
    const message = (seq: number) => ({ id: `m${seq}`, seq, role: seq % 2 ? 'user' : 'assistant', text: `Message number ${seq}`, cards: [], suggestions: [], createdAt: '2026-11-25T00:00:00Z', mode: 'offline', fallback: false, fallbackReason: null });
    const session = { id: sessionId, title: 'Trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z', state: {}, selections: [] };
    on('GET', `/api/v1/chat/sessions/${sessionId}`, (request) =>
      new URL(request.url).searchParams.get('before') === '3'
        ? json(200, { ...session, messages: [1, 2].map(message), hasEarlier: false })
        : json(200, { ...session, messages: [3, 4].map(message), hasEarlier: true }));
    renderApp('/');

    expect(await screen.findByText('Message number 4')).toBeInTheDocument();
    expect(screen.queryByText('Message number 2')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    expect(await screen.findByText('Message number 1')).toBeInTheDocument();
    const conversation = screen.getByRole('region', { name: 'Conversation with the assistant' });
    const order = within(conversation).getAllByText(/^Message number/).map((e) => e.textContent);
    expect(order).toEqual(['Message number 1', 'Message number 2', 'Message number 3', 'Message number 4']);
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).not.toBeInTheDocument();
  });

  it('puts a card the traveller picked in words ("I\'ll take the first one") in the trip draft, as its button would', async () => {
    anonymous();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () =>
      new Response(sse('delta', { text: 'I found 1 round trip from $1,224.' }) + sse('cards', { cards: [flight], suggestions: [], search: null }) + sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false }), { headers: { 'Content-Type': 'text/event-stream' } }));
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'Two of us, Boston to Lisbon');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    expect(screen.queryByRole('region', { name: 'Your trip so far' })).toBeNull();

    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () =>
      new Response(sse('delta', { text: 'Picked the flight TP 218 at $1,224.00: it is in your trip so far.' }) + sse('cards', { cards: [flight], suggestions: ['show my picks'], search: null, picked: 'fl-1' }) + sse('done', { messageId: 'm4', userMessageId: 'm3', mode: 'offline', fallback: false }), { headers: { 'Content-Type': 'text/event-stream' } }));
    await userEvent.type(screen.getByLabelText('Message'), "I'll take the first one");
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const tray = await screen.findByRole('region', { name: 'Your trip so far' });
    expect(tray).toHaveTextContent('Boston → Lisbon and back');
    expect(tray).toHaveTextContent('$1,224');
    expect(within(tray).getByRole('button', { name: 'Review and book' })).toBeInTheDocument();
  });

  it('puts picks from the chat and the results in one draft; "Review and book" asks for an account right there, then makes the trip and opens its review', async () => {
    sessionStorage.setItem('pathavana.chat.session', sessionId);
    let signedUp = false;
    on('GET', '/api/v1/account/me', () => (signedUp ? json(200, { id: 'u1', email: 'ana@example.com', emailConfirmed: false, roles: ['user'], createdAt: '2026-11-25T00:00:00Z' }) : json(401)));
    const reply = { id: 'm2', seq: 2, role: 'assistant', text: 'I found 1 round trip from $1,224.', cards: [flight], suggestions: [], createdAt: '2026-11-25T00:00:00Z', mode: 'offline', fallback: false, fallbackReason: null };
    on('GET', `/api/v1/chat/sessions/${sessionId}`, { body: { id: sessionId, title: 'Trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z', state: {}, selections: [], messages: [reply] } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/selections`, { body: { sessionId, selections: [] } });
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    on('POST', '/api/v1/account/register', () => { signedUp = true; return json(202, { status: 'accepted', detail: 'Check your inbox: we have sent an email to this address. You can sign in with your email and password now.' }); });
    on('POST', '/api/v1/account/login', { status: 200, body: {} });
    on('POST', '/api/v1/chat/sessions/claim', { body: { claimed: 1 } });
    on('POST', '/api/v1/trips', () => json(201, { id: '0196a3b4-0000-7000-8000-00000000717e' }));
    on('GET', '/api/v1/trips/0196a3b4-0000-7000-8000-00000000717e/review', { body: { tripId: '0196a3b4-0000-7000-8000-00000000717e', title: 'Trip to Lisbon', travelersNeeded: 2, items: [], toPay: [], warnings: [] } });
    on('GET', '/api/v1/travelers', { body: [] });
    const { router } = renderApp('/');

    const card = await screen.findByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Pick this flight' }));
    const tray = await screen.findByRole('region', { name: 'Your trip so far' });
    expect(tray).toHaveTextContent('Boston → Lisbon and back');
    expect(tray).toHaveTextContent('$1,224');
    expect(JSON.parse(calls.find((c) => c.path.endsWith('/selections'))!.body)).toEqual({ offerId: 'fl-1', kind: 'flight' });
    // The same offer in the results list shows as selected.
    expect(await screen.findByRole('button', { name: /^Selected: TAP Portugal/ })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(within(tray).getByRole('button', { name: 'Review and book' }));
    expect(within(tray).getByRole('heading', { name: 'Create an account to continue' })).toBeInTheDocument();
    await userEvent.type(within(tray).getByLabelText('Email'), 'ana@example.com');
    await userEvent.type(within(tray).getByLabelText('Password'), 'a long enough passphrase');
    await userEvent.click(within(tray).getByRole('button', { name: 'Create account and continue' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/trips/0196a3b4-0000-7000-8000-00000000717e/review'));
    expect(calls.some((c) => c.path === '/api/v1/chat/sessions/claim')).toBe(true);
    const created = JSON.parse(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/trips')!.body);
    expect(created.title).toBe('Trip to Lisbon');
    expect(created.items).toEqual([expect.objectContaining({ kind: 'flight', offerId: 'fl-1' })]);
    expect(await screen.findByRole('heading', { name: 'Review and book: Trip to Lisbon' })).toBeInTheDocument();
  });

  it('marks cards and picks from an earlier search once the party or dates changed, and stays check in on the day the flight lands', async () => {
    sessionStorage.setItem('pathavana.chat.session', sessionId);
    anonymous();
    const later = { ...seg, departure: '2027-01-10T18:05:00-05:00', arrival: '2027-01-11T05:40:00+00:00' };
    const laterBack = { ...back, departure: '2027-01-17T10:00:00+00:00', arrival: '2027-01-17T13:20:00-05:00' };
    const three = {
      ...offer, id: 'fl-3', priceBreakdown: [{ type: 'ADULT', count: 3, perPerson: { amount: 650, currency: 'USD' } }], totalPrice: { amount: 1950, currency: 'USD' },
      itineraries: [{ duration: '06:35:00', segments: [later] }, { duration: '08:20:00', segments: [laterBack] }],
    };
    const base = { suggestions: [], createdAt: '2026-11-25T00:00:00Z', mode: 'offline', fallback: false, fallbackReason: null };
    const messages = [
      { ...base, id: 'm2', seq: 2, role: 'assistant', text: 'I found 1 round trip from $1,224.', cards: [flight] },
      { ...base, id: 'm3', seq: 3, role: 'user', text: 'three of us, 10 to 17 January', cards: [] },
      { ...base, id: 'm4', seq: 4, role: 'assistant', text: 'I found 1 round trip from $1,950.', cards: [{ kind: 'flight', offerId: 'fl-3', flight: three }] },
    ];
    on('GET', `/api/v1/chat/sessions/${sessionId}`, { body: { id: sessionId, title: 'Trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z', state: {}, selections: [], messages } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/selections`, { body: { sessionId, selections: [] } });
    on('GET', '/api/v1/flights/search', { body: { offers: [three], count: 1, source: 'simulated' } });
    on('GET', '/api/v1/hotels/search', { body: { offers: [], count: 0, source: 'simulated' } });
    // Picked in the first turn, for two on 8 January.
    sessionStorage.setItem('pathavana.trip-draft', JSON.stringify([{ kind: 'flight', offerId: 'fl-1', title: 'Boston → Lisbon and back', detail: '', price: { amount: 1224, currency: 'USD' }, simulated: true, day: '2027-01-08', travellers: 2, from: '2027-01-08', to: '2027-01-15', lands: '2027-01-09' }]));
    renderApp('/');

    const cards = await screen.findAllByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    expect(cards).toHaveLength(2);
    await waitFor(() => expect(screen.getByLabelText('Adults')).toHaveValue('3'));
    const [old, fresh] = cards as [HTMLElement, HTMLElement];
    expect(within(old).queryByRole('button', { name: /Pick this flight/ })).not.toBeInTheDocument();
    expect(old).toHaveTextContent('From an earlier search: priced for 2 travellers; the search is now for 3; leaves Fri 8 Jan; the search now leaves Sun 10 Jan.');
    const tray = screen.getByRole('region', { name: 'Your trip so far' });
    expect(within(tray).getByRole('note')).toHaveTextContent('Priced for 2 travellers; the search is now for 3');

    await userEvent.click(within(fresh).getByRole('button', { name: 'Pick this flight' }));
    await waitFor(() => expect(within(tray).queryByRole('note')).not.toBeInTheDocument());
    expect(tray).toHaveTextContent('$1,950');
    expect(tray).not.toHaveTextContent('$1,224');

    // The flight lands on the 11th (overnight): the stay starts then.
    await userEvent.click(screen.getByRole('tab', { name: 'Hotels' }));
    expect(await screen.findByText('Checking in Mon 11 Jan, the day your flight lands.')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/v1/hotels/search') && c.path.includes('checkIn=2027-01-11'))).toBe(true));
  });

  it('says "check your email" and offers sign-in, keeping the picks, when the address given at "Review and book" already has an account', async () => {
    sessionStorage.setItem('pathavana.chat.session', sessionId);
    anonymous();
    const reply = { id: 'm2', seq: 2, role: 'assistant', text: 'I found 1 round trip from $1,224.', cards: [flight], suggestions: [], createdAt: '2026-11-25T00:00:00Z', mode: 'offline', fallback: false, fallbackReason: null };
    on('GET', `/api/v1/chat/sessions/${sessionId}`, { body: { id: sessionId, title: 'Trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z', state: {}, selections: [], messages: [reply] } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/selections`, { body: { sessionId, selections: [] } });
    on('GET', '/api/v1/flights/search', { body: { offers: [offer], count: 1, source: 'simulated' } });
    // The server answers a taken address exactly like a new one; only signing in tells them apart.
    on('POST', '/api/v1/account/register', () => json(202, { status: 'accepted', detail: 'Check your inbox: we have sent an email to this address. You can sign in with your email and password now.' }));
    on('POST', '/api/v1/account/login', { status: 401, body: { status: 401, title: 'Wrong email or password.' } });
    renderApp('/');

    const card = await screen.findByRole('article', { name: /TAP Portugal flight Boston to Lisbon/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Pick this flight' }));
    const tray = await screen.findByRole('region', { name: 'Your trip so far' });
    await userEvent.click(within(tray).getByRole('button', { name: 'Review and book' }));
    await userEvent.type(within(tray).getByLabelText('Email'), "liam.o'brien@example.com");
    await userEvent.type(within(tray).getByLabelText('Password'), 'a long enough passphrase');
    await userEvent.click(within(tray).getByRole('button', { name: 'Create account and continue' }));

    expect(await within(tray).findByText("Check your email: we've sent a message to liam.o'brien@example.com.")).toBeInTheDocument();
    expect(within(tray).getByRole('heading', { name: 'Sign in to continue' })).toBeInTheDocument();
    expect(within(tray).queryByText(/wrong email or password/i)).not.toBeInTheDocument();
    expect(within(tray).getByLabelText('Password')).toHaveValue('');
    expect(tray).toHaveTextContent('Boston → Lisbon and back');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/trips')).toBe(false);
  });
});
