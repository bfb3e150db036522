import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { calls, json, on, signedIn } from '@/test/server';
import { renderApp } from '@/test/render';

const sessionId = '0196a3b4-0000-7000-8000-00000000c4a7';
const seg = { carrierCode: 'TP', flightNumber: '218', origin: 'BOS', destination: 'LIS', departure: '2027-01-08T18:05:00-05:00', arrival: '2027-01-09T05:40:00+00:00', duration: '06:35:00' };
const flight = {
  kind: 'flight',
  offerId: 'fl-1',
  flight: { id: 'fl-1', source: 'simulated', cabin: 'economy', validatingAirline: 'TP', priceBreakdown: [], totalPrice: { amount: 1224, currency: 'USD' }, itineraries: [{ duration: '06:35:00', segments: [seg] }] },
};
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('the planner’s conversation', () => {
  beforeEach(() => sessionStorage.clear());

  it('creates a session, shows the reply as it streams, then its cards and chips; a chip is sent as a message', async () => {
    signedIn();
    on('POST', '/api/v1/chat/sessions', () => json(201, { id: sessionId, title: 'New trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z' }));
    const encoder = new TextEncoder();
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (stream = c) });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    });
    renderApp('/');
    await userEvent.type(await screen.findByLabelText('Message'), 'Boston to Lisbon');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    // The first delta is on screen while the rest of the reply is still to come.
    await waitFor(() => expect(stream).toBeDefined());
    stream.enqueue(encoder.encode(sse('delta', { text: 'I found 1 round trip ' })));
    expect(await screen.findByText(/I found 1 round trip/)).toBeInTheDocument();
    expect(screen.queryByRole('article')).toBeNull();
    stream.enqueue(encoder.encode(sse('delta', { text: 'from $1,224.' }) + sse('cards', { cards: [flight], suggestions: ['Nonstop only'] })));
    stream.enqueue(encoder.encode(sse('done', { messageId: 'm2', userMessageId: 'm1', mode: 'offline', fallback: false })));
    stream.close();

    const card = await screen.findByRole('article', { name: /TP flight BOS to LIS/ });
    expect(screen.getByText('I found 1 round trip from $1,224.')).toBeInTheDocument();
    expect(within(card).getByText('Simulated offer — not bookable with a real airline')).toBeInTheDocument();
    expect(screen.getByText(/Simulated results/)).toBeInTheDocument();
    const sent = calls.find((c) => c.path.endsWith('/messages/stream'))!;
    expect(JSON.parse(sent.body)).toEqual({ text: 'Boston to Lisbon' });
    expect(sent.headers.get('X-XSRF-TOKEN')).toBe('af-token');

    // The chip's text is the next message.
    on('POST', `/api/v1/chat/sessions/${sessionId}/messages/stream`, () => new Response(sse('delta', { text: 'Only nonstop flights now.' }) + sse('cards', { cards: [], suggestions: [] }) + sse('done', {}), { headers: { 'Content-Type': 'text/event-stream' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Nonstop only' }));
    expect(await screen.findByText('Only nonstop flights now.')).toBeInTheDocument();
    expect(JSON.parse(calls.filter((c) => c.path.endsWith('/messages/stream'))[1]!.body)).toEqual({ text: 'Nonstop only' });
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/chat/sessions')).toHaveLength(1);
  });

  it('keeps a picked offer on the session and makes a trip from the picks, then opens it', async () => {
    signedIn();
    sessionStorage.setItem('pathavana.chat.session', sessionId);
    const reply = { id: 'm2', seq: 2, role: 'assistant', text: 'I found 1 round trip from $1,224.', cards: [flight], suggestions: [], createdAt: '2026-11-25T00:00:00Z', mode: 'offline', fallback: false, fallbackReason: null };
    on('GET', `/api/v1/chat/sessions/${sessionId}`, { body: { id: sessionId, title: 'Trip', createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z', state: {}, selections: [], messages: [reply] } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/selections`, { body: { sessionId, selections: [{ offerId: 'fl-1', kind: 'flight', card: flight, at: '2026-11-25T00:00:00Z' }] } });
    on('POST', `/api/v1/chat/sessions/${sessionId}/trip`, () => json(201, { tripId: '0196a3b4-0000-7000-8000-00000000717e' }));
    const { router } = renderApp('/');

    const card = await screen.findByRole('article', { name: /TP flight BOS to LIS/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Pick this flight' }));
    expect(await within(card).findByRole('button', { name: 'Picked flight' })).toHaveAttribute('aria-pressed', 'true');
    expect(JSON.parse(calls.find((c) => c.path.endsWith('/selections'))!.body)).toEqual({ offerId: 'fl-1', kind: 'flight' });
    expect(screen.getByRole('region', { name: 'Your picks' })).toHaveTextContent('flight TP 218');

    await userEvent.click(screen.getByRole('button', { name: 'Make a trip' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/trips/0196a3b4-0000-7000-8000-00000000717e'));
  });
});
