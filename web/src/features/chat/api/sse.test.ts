import { describe, expect, it } from 'vitest';
import { readEvents, type SseEvent } from './sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

async function all(chunks: string[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of readEvents(streamOf(chunks))) out.push(e);
  return out;
}

describe('readEvents', () => {
  it('reads named events split across chunks anywhere, in order', async () => {
    const text = 'event: delta\ndata: {"text":"Here are "}\n\nevent: delta\ndata: {"text":"3 flights"}\n\nevent: cards\ndata: {"cards":[],"suggestions":["Nonstop only"]}\n\nevent: done\ndata: {"messageId":"m1"}\n\n';
    // Every split point: an event, a line and a field name can each be cut in two.
    for (const size of [1, 2, 5, 17, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const events = await all(chunks);
      expect(events.map((e) => e.event)).toEqual(['delta', 'delta', 'cards', 'done']);
      expect(events.filter((e) => e.event === 'delta').map((e) => (JSON.parse(e.data) as { text: string }).text).join('')).toBe('Here are 3 flights');
    }
  });

  it('handles CRLF line ends, comments, multi-line data and a last event without its blank line', async () => {
    const events = await all([': keep-alive\r\n\r\nevent: delta\r', '\ndata: one\r\ndata: two\r\n\r\n', 'data: last']);
    expect(events).toEqual([
      { event: 'delta', data: 'one\ntwo' },
      { event: 'message', data: 'last' },
    ]);
  });

  it('decodes a multi-byte character cut between chunks', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: Lisboa → São Paulo\n\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the arrow
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const e of readEvents(stream)) events.push(e);
    expect(events).toEqual([{ event: 'delta', data: 'Lisboa → São Paulo' }]);
  });
});
