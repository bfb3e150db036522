import { useSyncExternalStore } from 'react';

// The trip draft: what the traveller picked, in the chat or in the results, before it becomes a
// trip. Kept in this tab's sessionStorage (no account needed); a flight or a stay picked again
// replaces the previous one, activities add up. Saving it makes one trip with every pick.

export interface DraftMoney {
  amount: number | string;
  currency: string;
}

export interface DraftPick {
  kind: 'flight' | 'hotel' | 'activity';
  offerId: string;
  title: string;
  detail: string;
  price: DraftMoney | null;
  simulated: boolean;
  /** The local day it happens (activities: the day it is planned for). */
  day: string;
  /** Flights and stays: how many travel (a flight's seated and lap passengers; a stay's adults). */
  travellers?: number | undefined;
  /** Flights: the outbound's local departure day and, for a round trip, the return's; stays: check-in and check-out. */
  from?: string | undefined;
  to?: string | null | undefined;
  /** Flights: the local day the outbound lands (an overnight flight: the day after it leaves). */
  lands?: string | undefined;
  /** Activities only: what the trip item is made of. */
  place?: { name: string; latitude: number; longitude: number } | null;
}

const key = 'pathavana.trip-draft';
const listeners = new Set<() => void>();
let cache: DraftPick[] | null = null;

function read(): DraftPick[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(globalThis.sessionStorage?.getItem(key) ?? '[]') as DraftPick[];
  } catch {
    cache = [];
  }
  return cache;
}

function write(picks: DraftPick[]) {
  cache = picks;
  try {
    globalThis.sessionStorage?.setItem(key, JSON.stringify(picks));
  } catch {
    // storage unavailable: the draft lasts as long as the page
  }
  for (const l of listeners) l();
}

export const draft = {
  picks: read,
  /** Adds a pick; a flight or a stay replaces the one of its kind, the same offer is never twice. */
  add(pick: DraftPick) {
    const rest = read().filter((p) => p.offerId !== pick.offerId && (pick.kind === 'activity' || p.kind !== pick.kind));
    write([...rest, pick]);
  },
  remove(offerId: string) {
    write(read().filter((p) => p.offerId !== offerId));
  },
  clear() {
    write([]);
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** For tests: forget the cached copy (sessionStorage was cleared). */
  reset() {
    cache = null;
  },
};

export function useDraft(): DraftPick[] {
  return useSyncExternalStore(draft.subscribe, draft.picks, draft.picks);
}
