import { Alert } from '@/components/ui/Feedback';

interface Props {
  title: string;
  warnings: { message: string }[];
  /** Warnings the server counted but did not list (it lists at most 50). */
  notShown?: number | string;
}

/** A trip's warnings in words, with "and N more" when the server capped the list. */
export function WarningList({ title, warnings, notShown }: Props) {
  const more = Number(notShown ?? 0);
  if (warnings.length === 0 && more === 0) return null;
  return (
    <Alert tone="warning" title={title}>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w.message}</li>
        ))}
      </ul>
      {more > 0 && <p className="small">…and {more} more {more === 1 ? 'warning' : 'warnings'} like these: fix the ones above first.</p>}
    </Alert>
  );
}
