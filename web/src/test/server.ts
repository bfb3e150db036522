// A fake API for component tests: routes "METHOD /path" to handlers; anything else is a 404 problem.
type Handler = (request: Request) => Response | Promise<Response>;
const routes = new Map<string, Handler>();
export const calls: { method: string; path: string; body: string; headers: Headers }[] = [];

export function on(method: string, path: string, handler: Handler | { status?: number; body?: unknown }) {
  routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => json(handler.status ?? 200, handler.body));
}

export function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export function resetServer() {
  routes.clear();
  calls.length = 0;
}

export async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const source = input instanceof Request ? input : null;
  const method = source?.method ?? init?.method ?? 'GET';
  const request = new Request(new URL(source ? source.url : String(input), 'http://localhost'), {
    method,
    headers: source?.headers ?? init?.headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : source ? await source.text() : (init?.body ?? undefined),
  });
  const url = new URL(request.url);
  const body = await request.clone().text();
  calls.push({ method: request.method, path: url.pathname + url.search, body, headers: request.headers });
  const handler =
    routes.get(`${request.method} ${url.pathname}`) ??
    (url.pathname === '/api/v1/account/antiforgery' ? () => json(200, { token: 'af-token', headerName: 'X-XSRF-TOKEN' }) : undefined);
  if (!handler) return json(404, { title: 'Not found', status: 404 });
  return handler(request);
}

export function signedIn(email = 'ana@example.com') {
  on('GET', '/api/v1/account/me', { body: { id: '0196a3b4-0000-7000-8000-000000000001', email, emailConfirmed: true, roles: ['user'], createdAt: '2026-01-01T00:00:00Z' } });
  on('GET', '/api/v1/account/antiforgery', { body: { token: 'af-token', headerName: 'X-XSRF-TOKEN' } });
}
