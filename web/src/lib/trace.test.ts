import { describe, expect, it } from 'vitest';
import { traceparent } from './trace';

describe('traceparent', () => {
  it('is a sampled W3C trace context with fresh ids each time', () => {
    const first = traceparent();
    const second = traceparent();
    expect(first).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(second).not.toBe(first);
  });
});
