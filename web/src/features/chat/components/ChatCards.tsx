import { SimulatedBadge } from '@/components/ui/Feedback';
import { dayShift, formatDate, formatDay, formatKm, formatMoney, localTime, plural } from '@/lib/format';
import { airlineName, boardName, cityOf } from '@/lib/places';
import type { ResultCard } from '../api/types';

interface Props {
  cards: ResultCard[];
  picked: ReadonlySet<string>;
  onPick?: ((card: ResultCard) => void) | undefined;
  disabled?: boolean | undefined;
  /** The named place a stay search was around ("Colosseum"): hotel cards say how far each is from it. */
  near?: string | undefined;
  /** Why a card from an earlier search no longer fits the search shown now (null: it fits); such a card cannot be picked. */
  unfit?: ((card: ResultCard) => string | null) | undefined;
}

/** The offers a reply found: compact flight, hotel and activity cards, flights and hotels pickable. */
export function ChatCards({ cards, picked, onPick, disabled, near, unfit }: Props) {
  if (cards.length === 0) return null;
  return (
    <ul className="chat-cards" aria-label="Results in this reply">
      {cards.map((c) => (
        <li key={`${c.kind}-${c.offerId}`}>
          <ChatCard card={c} picked={picked.has(c.offerId)} onPick={onPick} disabled={disabled} near={near} stale={unfit?.(c) ?? null} />
        </li>
      ))}
    </ul>
  );
}

function ChatCard({ card, picked, onPick, disabled, near, stale }: { card: ResultCard; picked: boolean; onPick?: ((card: ResultCard) => void) | undefined; disabled?: boolean | undefined; near?: string | undefined; stale?: string | null | undefined }) {
  const f = card.flight;
  const h = card.hotel;
  const a = card.activity;
  let title = '';
  let lines: string[] = [];
  let price = '';
  let label = '';
  if (f) {
    const out = f.itineraries[0]?.segments ?? [];
    const first = out[0];
    const last = out[out.length - 1];
    const carrier = first?.carrierCode ?? f.validatingAirline;
    const multi = f.itineraries.length > 2;
    title = !first || !last ? 'Flight' : multi
      ? [cityOf(first.origin), ...f.itineraries.map((it) => cityOf(it.segments[it.segments.length - 1]?.destination ?? ''))].join(' → ')
      : `${cityOf(first.origin)} → ${cityOf(last.destination)}`;
    lines = f.itineraries.map((it, i) => {
      const s0 = it.segments[0];
      const sN = it.segments[it.segments.length - 1];
      if (!s0 || !sN) return '';
      const stops = it.segments.length - 1;
      const dep = localTime(s0.departure);
      const arr = localTime(sN.arrival);
      const shift = dayShift(s0.departure, sN.arrival);
      return `${multi ? `Flight ${i + 1}: ` : f.itineraries.length > 1 ? (i === 0 ? 'Out' : 'Back') + ': ' : ''}${formatDay(s0.departure)}, ${dep.time} ${cityOf(s0.origin)} → ${arr.time} ${cityOf(sN.destination)}${shift > 0 ? `, +${shift}` : ''} · ${airlineName(s0.carrierCode)} ${s0.carrierCode} ${s0.flightNumber} · ${stops === 0 ? 'nonstop' : plural(stops, 'stop')}`;
    });
    price = `${formatMoney(f.totalPrice.amount, f.totalPrice.currency)} total`;
    label = `${airlineName(carrier)} flight ${title.replaceAll('→', 'to')}, ${price}`;
  } else if (h) {
    title = h.hotel.name;
    const where = [h.hotel.neighbourhood, near && h.hotel.distanceKm != null ? `${formatKm(h.hotel.distanceKm)} from ${near}` : null, h.hotel.guestRating != null ? `guests rate it ${Number(h.hotel.guestRating).toFixed(1)}/10` : null].filter(Boolean).join(' · ');
    const others = (h.rates?.length ?? 1) - 1;
    lines = [
      `${h.hotel.stars != null ? `${Number(h.hotel.stars)}-star · ` : ''}${formatDate(h.checkIn)} to ${formatDate(h.checkOut)}`,
      where,
      [h.roomType, boardName(h.board) ?? h.board, h.cancellation.refundable ? 'free cancellation' : 'non-refundable'].filter(Boolean).join(', ') + (others > 0 ? ` (${plural(others, 'other rate')})` : ''),
    ];
    price = `${formatMoney(h.nightly.amount, h.nightly.currency)} ${Number(h.rooms) > 1 ? `a room a night · ${h.rooms} rooms` : 'a night'} · ${formatMoney(h.total.amount, h.total.currency)} total`;
    label = `${h.hotel.name}, ${price}`;
  } else if (a) {
    title = a.name;
    lines = [a.category + (a.rating != null ? ` · rated ${Number(a.rating).toFixed(1)} of 5` : '')];
    price = a.price ? `${formatMoney(a.price.amount, a.price.currency)} per person` : 'Free';
    label = a.name;
  } else return null;
  const pickable = Boolean(onPick);
  const source = (f ?? h ?? a)?.source;
  return (
    <article className={`chat-card card chat-card--${card.kind}${picked ? ' offer--picked' : ''}`} aria-label={label}>
      <h2 className="chat-card__title">{title}</h2>
      {lines.filter(Boolean).map((l, i) => (
        <p key={i} className="small">
          {l}
        </p>
      ))}
      <p className="chat-card__price">{price}</p>
      {source === 'simulated' && <SimulatedBadge kind={card.kind === 'hotel' ? 'hotel' : card.kind === 'activity' ? 'activity' : 'flight'} />}
      {pickable && stale && (
        <p className="chat-card__stale small" role="note">
          From an earlier search: {stale.charAt(0).toLowerCase() + stale.slice(1)} Pick from the newest results.
        </p>
      )}
      {pickable && !stale && (
        <button type="button" className={`btn ${picked ? 'btn--secondary' : 'btn--primary'}`} aria-pressed={picked} disabled={disabled} onClick={() => onPick?.(card)}>
          {picked ? `Picked ${card.kind}` : `Pick this ${card.kind}`}
        </button>
      )}
    </article>
  );
}
