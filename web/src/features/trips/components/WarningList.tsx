import { useState } from 'react';
import { Alert } from '@/components/ui/Feedback';

interface Props {
  title: string;
  warnings: { message: string }[];
  /** Warnings the server counted but did not list (it lists at most 50). */
  notShown?: number | string;
}

/** How many warnings show before "Show … more": enough to act on, few enough to see the plan under them. */
const FIRST = 8;

/** A trip's warnings in words: the first few, the rest on request, and "and N more" when the server capped the list. */
export function WarningList({ title, warnings, notShown }: Props) {
  const [all, setAll] = useState(false);
  const more = Number(notShown ?? 0);
  if (warnings.length === 0 && more === 0) return null;
  const hidden = all ? 0 : Math.max(0, warnings.length - FIRST);
  return (
    <Alert tone="warning" title={title}>
      <ul>
        {(hidden > 0 ? warnings.slice(0, FIRST) : warnings).map((w, i) => (
          <li key={i}>{w.message}</li>
        ))}
      </ul>
      {hidden > 0 ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setAll(true)}>
          Show {hidden + more} more {hidden + more === 1 ? 'warning' : 'warnings'}
        </button>
      ) : (
        more > 0 && <p className="small">…and {more} more {more === 1 ? 'warning' : 'warnings'} like these: fix the ones above first.</p>
      )}
    </Alert>
  );
}
