import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { ApiError, type Problem } from './problem';
import { traceparent } from './trace';

// The one API client. The session is the HttpOnly cookie the server sets at sign-in; nothing is
// kept in localStorage. State-changing requests carry the antiforgery token in X-XSRF-TOKEN.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let antiforgery: Promise<{ token: string; headerName: string }> | null = null;

async function fetchAntiforgery(): Promise<{ token: string; headerName: string }> {
  const response = await fetch('/api/v1/account/antiforgery', { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as { token: string; headerName: string };
}

/** Forget the antiforgery token: it is bound to the signed-in user, so call after sign-in or out. */
export function resetAntiforgery(): void {
  antiforgery = null;
}

export async function antiforgeryHeaders(): Promise<Record<string, string>> {
  antiforgery ??= fetchAntiforgery().catch((e: unknown) => {
    antiforgery = null;
    throw e;
  });
  const { token, headerName } = await antiforgery;
  return { [headerName]: token };
}

export async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      return JSON.parse(text) as Problem;
    } catch {
      // not JSON
    }
  }
  return { status: response.status, title: defaultTitle(response.status) };
}

function defaultTitle(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests: wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (${status}).`;
}

const csrf: Middleware = {
  async onRequest({ request }) {
    request.headers.set('traceparent', traceparent());
    if (UNSAFE.has(request.method)) {
      for (const [k, v] of Object.entries(await antiforgeryHeaders())) request.headers.set(k, v);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(csrf);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem details. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const problem: Problem = error && typeof error === 'object' ? (error as Problem) : { status: response.status, title: defaultTitle(response.status) };
    if (!problem.title && !problem.detail) problem.title = defaultTitle(response.status);
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

/** The address of the next page of a list response (its RFC 8288 `Link: <…>; rel="next"` header), or null on the last page. */
export function nextPage(response: Response): string | null {
  for (const part of (response.headers.get('Link') ?? '').split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * Every row of a paged list: the first page from the typed client, then each `Link rel="next"` in turn
 * (the API's lists send at most 100 rows a page). Stops after `maxPages` pages so a runaway list cannot
 * hang the screen. Errors are ApiErrors carrying the problem details, as with unwrap.
 */
export async function unwrapAll<T>(call: Promise<{ data?: T[]; error?: unknown; response: Response }>, maxPages = 50): Promise<T[]> {
  const first = await call;
  const rows = [...(await unwrap(Promise.resolve(first)))];
  let next = nextPage(first.response);
  for (let page = 1; next && page < maxPages; page++) {
    const response = await fetch(next, { headers: { Accept: 'application/json', traceparent: traceparent() }, credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, await readProblem(response));
    rows.push(...((await response.json()) as T[]));
    next = nextPage(response);
  }
  return rows;
}

/** For endpoints not (yet) in the generated schema: same cookie, antiforgery and problem handling. */
export async function request<T>(method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', traceparent: traceparent(), ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) Object.assign(headers, await antiforgeryHeaders());
  const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type Schemas = import('./api-schema').components['schemas'];
