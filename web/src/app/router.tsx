import { Navigate, Outlet, createBrowserRouter, useLocation, type RouteObject } from 'react-router';
import { AppShell, AuthShell } from '@/components/layout/AppShell';
import { Alert, EmptyState, Loading } from '@/components/ui/Feedback';
import { useUser } from '@/lib/auth';
import { errorMessage } from '@/lib/problem';

// Every screen is its own chunk, loaded when it is first visited: the first load carries only the
// shell, the router and the API client.

/** Pages that keep something of the user's (trips, travelers, bookings, account) ask for sign-in; everything else is open. */
function RequireUser() {
  const user = useUser();
  const location = useLocation();
  if (user.isPending || user.isError)
    return (
      <div className="page page--narrow">
        {user.isPending ? <Loading label="Loading your account…" /> : <Alert title="The server could not be reached.">{errorMessage(user.error)}</Alert>}
      </div>
    );
  if (!user.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

function RedirectIfSignedIn() {
  const user = useUser();
  if (user.data) return <Navigate to="/" replace />;
  return <Outlet />;
}

function NotFound() {
  return (
    <div className="page page--narrow">
      <h1 className="visually-hidden">Page not found</h1>
      <EmptyState title="Page not found">
        <a href="/">Go to the planner</a>
      </EmptyState>
    </div>
  );
}

const fallback = <Loading label="Loading…" />;

export const routes: RouteObject[] = [
  {
    element: <AuthShell />,
    hydrateFallbackElement: fallback,
    children: [
      {
        element: <RedirectIfSignedIn />,
        children: [
          { path: '/sign-in', lazy: () => import('@/features/auth/routes/sign-in').then((m) => ({ Component: m.SignInRoute })) },
          { path: '/sign-up', lazy: () => import('@/features/auth/routes/sign-up').then((m) => ({ Component: m.SignUpRoute })) },
        ],
      },
      { path: '/forgot-password', lazy: () => import('@/features/auth/routes/forgot-password').then((m) => ({ Component: m.ForgotPasswordRoute })) },
      { path: '/reset-password', lazy: () => import('@/features/auth/routes/reset-password').then((m) => ({ Component: m.ResetPasswordRoute })) },
      { path: '/confirm-email', lazy: () => import('@/features/auth/routes/confirm-email').then((m) => ({ Component: m.ConfirmEmailRoute })) },
    ],
  },
  {
    element: <AppShell />,
    hydrateFallbackElement: fallback,
    children: [
      // Open to anyone: the planner (chat and search), the search page, shared trips.
      { path: '/', lazy: () => import('./routes/plan').then((m) => ({ Component: m.PlanRoute })) },
      { path: '/search', lazy: () => import('./routes/search').then((m) => ({ Component: m.SearchPageRoute })) },
      { path: '/privacy', lazy: () => import('@/features/account/routes/privacy').then((m) => ({ Component: m.PrivacyNoticeRoute })) },
      { path: '/shared/:token', lazy: () => import('@/features/trips/routes/shared-trip').then((m) => ({ Component: m.SharedTripRoute })) },
      {
        element: <RequireUser />,
        children: [
          { path: '/travelers', lazy: () => import('@/features/travelers/routes/travelers').then((m) => ({ Component: m.TravelersRoute })) },
          { path: '/travelers/new', lazy: () => import('@/features/travelers/routes/traveler').then((m) => ({ Component: m.NewTravelerRoute })) },
          { path: '/travelers/:id', lazy: () => import('@/features/travelers/routes/traveler').then((m) => ({ Component: m.EditTravelerRoute })) },
          { path: '/trips', lazy: () => import('@/features/trips/routes/trips').then((m) => ({ Component: m.TripsRoute })) },
          { path: '/trips/:id', lazy: () => import('@/features/trips/routes/trip').then((m) => ({ Component: m.TripRoute })) },
          { path: '/trips/:id/review', lazy: () => import('@/features/trips/routes/review').then((m) => ({ Component: m.ReviewRoute })) },
          { path: '/bookings', lazy: () => import('@/features/bookings/routes/bookings').then((m) => ({ Component: m.BookingsRoute })) },
          { path: '/account', lazy: () => import('@/features/account/routes/account').then((m) => ({ Component: m.AccountRoute })) },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
