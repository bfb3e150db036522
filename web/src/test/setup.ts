import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { handle, resetServer } from './server';

// The API client captures fetch when it is created: route every call through the fake server.
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => handle(input, init)) as typeof fetch;

afterEach(() => {
  cleanup();
  resetServer();
});
