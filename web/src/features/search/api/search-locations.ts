import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { Location, LocationsResponse } from './types';

export const searchLocations = (q: string, limit = 8): Promise<LocationsResponse> =>
  request('GET', `/api/v1/locations?${new URLSearchParams({ q, limit: String(limit) })}`);

export const locationsQueryOptions = (q: string) => queryOptions({ queryKey: ['locations', q.trim().toLowerCase()], queryFn: () => searchLocations(q.trim()), staleTime: 60 * 60_000, retry: false });

export const useLocations = (q: string) => useQuery({ ...locationsQueryOptions(q), enabled: q.trim().length >= 2 });

/** "London — all airports" for a city code, "London Heathrow (LHR)" for an airport. */
export function locationLabel(l: Location): string {
  return l.kind === 'metro' ? `${l.city} — all airports (${l.code})` : `${l.name} (${l.code})`;
}

/** Damerau–Levenshtein distance (a swapped pair counts once), case-insensitive. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++)
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[s.length]![t.length]!;
}

/**
 * What a typed place means: an exact code or the best name match; for a typo, the closest known
 * city or airport found by shortening the text ("Lisbn" → Lisbon) as a "did you mean".
 */
export async function resolvePlace(text: string): Promise<{ match: Location | null; suggestion: Location | null }> {
  const q = text.trim();
  if (q.length < 2) return { match: null, suggestion: null };
  const found = (await searchLocations(q, 8)).locations;
  const code = found.find((l) => l.code.toLowerCase() === q.toLowerCase());
  if (code) return { match: code, suggestion: null };
  if (found.length > 0) return { match: found[0]!, suggestion: null };
  for (let n = q.length - 1; n >= 2; n--) {
    const candidates = (await searchLocations(q.slice(0, n), 20)).locations;
    if (candidates.length === 0) continue;
    const best = candidates
      .map((l) => ({ l, d: Math.min(distance(q, l.city), distance(q, l.name), distance(q, l.code)) }))
      .sort((a, b) => a.d - b.d)[0]!;
    return { match: null, suggestion: best.d <= Math.max(2, Math.floor(q.length / 3)) ? best.l : null };
  }
  return { match: null, suggestion: null };
}
