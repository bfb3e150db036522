import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { draft } from '@/lib/draft';
import { handle, resetServer } from './server';

// The API client captures fetch when it is created: route every call through the fake server.
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => handle(input, init)) as typeof fetch;

afterEach(() => {
  cleanup();
  resetServer();
});

// Tests wait on conditions (findBy…, waitFor); the time-out is only a safety net for a busy machine,
// where lazily loaded screens take longer to arrive.
configure({ asyncUtilTimeout: 120_000 });

afterEach(() => {
  sessionStorage.clear();
  draft.reset();
});
