// Formatting shared by every screen: money, local times with their UTC offset, durations.

export function formatMoney(amount: number | string, currency: string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: value % 1 === 0 ? 0 : 2 }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** "2026-03-12T18:05:00-04:00" → { time: "18:05", offset: "UTC−4", date: "Thu 12 Mar" } in the airport's own time. */
export function localTime(iso: string): { time: string; offset: string; date: string; minutes: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return { time: iso, offset: '', date: '', minutes: 0 };
  const [, y, mo, d, h, mi, off] = m as unknown as string[];
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const date = day.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return { time: `${h}:${mi}`, offset: formatOffset(off ?? 'Z'), date, minutes: Number(h) * 60 + Number(mi) };
}

function formatOffset(off: string): string {
  if (off === 'Z' || off === '+00:00' || off === '-00:00') return 'UTC';
  const sign = off.startsWith('-') ? '−' : '+';
  const [hh, mm] = off.slice(1).split(':');
  return `UTC${sign}${Number(hh)}${mm && mm !== '00' ? `:${mm}` : ''}`;
}

/** .NET TimeSpan ("07:25:00", "1.02:30:00") or ISO 8601 ("PT7H25M") → "7h 25m". */
export function formatDuration(value: unknown): string {
  const minutes = durationMinutes(value);
  if (minutes === null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

export function durationMinutes(value: unknown): number | null {
  if (typeof value !== 'string' || !value) return null;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?)?$/.exec(value);
  if (iso) return Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (span) return Number(span[1] ?? 0) * 1440 + Number(span[2]) * 60 + Number(span[3]);
  return null;
}

export function formatDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whole days between two local dates ("2026-03-12T…", "2026-03-13T…") → 1, shown as "+1". */
export function dayShift(fromIso: string, toIso: string): number {
  const a = Date.UTC(Number(fromIso.slice(0, 4)), Number(fromIso.slice(5, 7)) - 1, Number(fromIso.slice(8, 10)));
  const b = Date.UTC(Number(toIso.slice(0, 4)), Number(toIso.slice(5, 7)) - 1, Number(toIso.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}

/** "2026-03-12" → "Thu 12 Mar". */
export function formatDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A distance for people walking: "350 m" under a kilometre (to the nearest 50 m), else "1.3 km". */
export function formatKm(value: number | string): string {
  const n = Number(value);
  return n < 1 ? `${Math.round((n * 1000) / 50) * 50} m` : `${n.toFixed(1)} km`;
}
