import { Link } from 'react-router';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useTravelers } from '../api/list-travelers';

const passportLabels: Record<string, { text: string; tone: string }> = {
  valid: { text: 'Passport valid', tone: 'ok' },
  expiresSoon: { text: 'Passport expires within 6 months', tone: 'warn' },
  expired: { text: 'Passport expired', tone: 'bad' },
  none: { text: 'No passport on file', tone: 'muted' },
};

export function TravelersRoute() {
  const travelers = useTravelers();
  return (
    <div className="page page--narrow">
      <PageHeader title="Travelers">
        <Link className="btn btn--primary" to="/travelers/new">
          Add traveler
        </Link>
      </PageHeader>
      <p className="muted">The people you book for. Names exactly as on the passport; every detail is encrypted before it is stored.</p>
      {travelers.isPending ? (
        <Loading label="Loading travelers…" />
      ) : travelers.isError ? (
        <Alert title="Travelers could not be loaded.">{errorMessage(travelers.error)}</Alert>
      ) : travelers.data.length === 0 ? (
        <EmptyState title="No travelers yet">
          <p>Add yourself and anyone you travel with, so booking takes one click.</p>
          <Link className="btn btn--primary" to="/travelers/new">
            Add your first traveler
          </Link>
        </EmptyState>
      ) : (
        <ul className="list">
          {travelers.data.map((t) => {
            const passport = passportLabels[t.passportStatus] ?? passportLabels.none!;
            return (
              <li key={t.id} className="list__item card">
                <div>
                  <Link to={`/travelers/${t.id}`} className="list__title">
                    {t.givenNames} {t.surname}
                  </Link>
                  <p className="muted small">Born {formatDate(t.dateOfBirth)}{t.nationality ? ` · ${t.nationality}` : ''}</p>
                </div>
                <span className={`pill pill--${passport.tone}`}>{passport.text}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
