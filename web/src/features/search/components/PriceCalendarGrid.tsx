import { SimulatedBadge } from '@/components/ui/Feedback';
import { formatMoney } from '@/lib/format';
import { cityOf } from '@/lib/places';
import type { PriceCalendar } from '../api/types';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The cheapest fare per day of a month; the cheapest days are marked. Picking a day searches it. */
export function PriceCalendarGrid({ calendar, onPickDate }: { calendar: PriceCalendar; onPickDate?: (date: string) => void }) {
  const prices = calendar.days.map((d) => (d.cheapestPrice ? Number(d.cheapestPrice.amount) : Infinity));
  const min = Math.min(...prices);
  const first = new Date(Date.UTC(Number(calendar.year), Number(calendar.month) - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const title = first.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <div className="calendar">
      <h3 className="calendar__title">
        {cityOf(calendar.origin)} → {cityOf(calendar.destination)}, {title}
      </h3>
      {calendar.source === 'simulated' && <SimulatedBadge kind="flight" />}
      <div className="calendar__grid" role="list" aria-label={`Cheapest fares in ${title}`}>
        {weekdays.map((w) => (
          <span key={w} className="calendar__weekday" aria-hidden="true">
            {w}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`pad-${i}`} aria-hidden="true" />
        ))}
        {calendar.days.map((d) => {
          const day = Number(d.date.slice(8, 10));
          const cheapest = d.cheapestPrice && Number(d.cheapestPrice.amount) === min;
          const month = title;
          return (
            <div role="listitem" key={d.date}>
              <button type="button" className={`calendar__day${cheapest ? ' calendar__day--cheapest' : ''}`} disabled={!d.cheapestPrice} onClick={() => onPickDate?.(d.date)}>
                <span className="calendar__date">
                  {day}
                  <span className="visually-hidden"> {month}:</span>
                </span>
                <span className="calendar__price">
                  {d.cheapestPrice ? (
                    <>
                      <span className="visually-hidden">from </span>
                      {formatMoney(d.cheapestPrice.amount, d.cheapestPrice.currency)}
                      {cheapest && <span className="visually-hidden">, the cheapest day</span>}
                    </>
                  ) : (
                    <>
                      —<span className="visually-hidden">no flights</span>
                    </>
                  )}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
