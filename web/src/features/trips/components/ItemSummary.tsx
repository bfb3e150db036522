import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/format';
import { whenText, type ItemLike } from './item-text';

const kindIcon: Record<string, string> = { flight: '✈', hotel: '⌂', activity: '★', note: '✎' };

/**
 * One trip item as a line of the day: its icon, title, local times and price, what the caller adds
 * (notes, booking status) and the simulated badge. Shared by the owner's trip and a shared trip.
 */
export function ItemSummary({ item, simulated, children }: { item: ItemLike & { price?: { amount: number | string; currency: string } | null }; simulated: boolean; children?: ReactNode }) {
  return (
    <>
      <span className="item__icon" aria-hidden="true">
        {kindIcon[item.kind] ?? '•'}
      </span>
      <div className="item__body">
        <p className="item__title">{item.title}</p>
        <p className="muted small">{[whenText(item), item.price ? formatMoney(item.price.amount, item.price.currency) : ''].filter(Boolean).join(' · ')}</p>
        {children}
        {simulated && <span className="badge badge--simulated">Simulated — not bookable with a real provider</span>}
      </div>
    </>
  );
}
