/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/) for one request, so a trace starts
 * in the browser and the backend continues it (traces, logs and problem details share its id).
 */
export function traceparent(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `00-${hex.slice(0, 32)}-${hex.slice(32, 48)}-01`;
}
