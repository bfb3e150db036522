import { Link } from 'react-router';
import { EmptyState, PageHeader } from '@/components/ui/Feedback';

/** Trips and bookings screens until their APIs exist on the server. */
export function TripsRoute() {
  return (
    <div className="page page--narrow">
      <PageHeader title="Trips" />
      <EmptyState title="No trips yet">
        <p>Trips — days with ordered items, totals against your budget, a map, a calendar file and a share link — arrive with the trips service.</p>
        <Link className="btn btn--primary" to="/search">
          Search flights and hotels
        </Link>
      </EmptyState>
    </div>
  );
}

export function TripRoute() {
  return (
    <div className="page page--narrow">
      <PageHeader title="Trip not found" />
      <EmptyState title="There is no such trip in your account.">
        <Link to="/trips">See your trips</Link>
      </EmptyState>
    </div>
  );
}

export function BookingsRoute() {
  return (
    <div className="page page--narrow">
      <PageHeader title="Bookings" />
      <EmptyState title="No bookings yet">
        <p>When you book a trip, its status and confirmation appear here, and you can cancel from here.</p>
      </EmptyState>
    </div>
  );
}
