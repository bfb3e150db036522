import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Alert } from '@/components/ui/Feedback';
import { errorMessage } from '@/lib/problem';
import type { Selection } from '../api/types';

/** What was picked in the conversation, and the button that turns the picks into a trip. */
export function ChatPicks({ picks, onMakeTrip }: { picks: Selection[]; onMakeTrip: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const bookable = picks.filter((p) => p.kind === 'flight' || p.kind === 'hotel');
  if (bookable.length === 0) return null;
  const names = bookable.map((p) =>
    p.card.hotel ? p.card.hotel.hotel.name : p.card.flight ? `flight ${p.card.flight.itineraries[0]?.segments[0]?.carrierCode ?? ''} ${p.card.flight.itineraries[0]?.segments[0]?.flightNumber ?? ''}`.trim() : p.kind,
  );
  async function make() {
    setBusy(true);
    setError(null);
    try {
      await onMakeTrip();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return (
    <div className="add-to-trip add-to-trip--inline" role="region" aria-label="Your picks">
      <p>
        <strong>Picked:</strong> {names.join(', ')}
      </p>
      <Button busy={busy} onClick={() => void make()}>
        Make a trip
      </Button>
      {error !== null && <Alert>{errorMessage(error)}</Alert>}
    </div>
  );
}
