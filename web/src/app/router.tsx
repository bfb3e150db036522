import { Navigate, Outlet, createBrowserRouter, useLocation, type RouteObject } from 'react-router';
import { AppShell, AuthShell } from '@/components/layout/AppShell';
import { Alert, EmptyState, Loading } from '@/components/ui/Feedback';
import { AccountRoute } from '@/features/account/routes/account';
import { ConfirmEmailRoute } from '@/features/auth/routes/confirm-email';
import { ForgotPasswordRoute } from '@/features/auth/routes/forgot-password';
import { ResetPasswordRoute } from '@/features/auth/routes/reset-password';
import { SignInRoute } from '@/features/auth/routes/sign-in';
import { SignUpRoute } from '@/features/auth/routes/sign-up';
import { SearchRoute } from '@/features/search/routes/search';
import { EditTravelerRoute, NewTravelerRoute } from '@/features/travelers/routes/traveler';
import { TravelersRoute } from '@/features/travelers/routes/travelers';
import { TripRoute } from '@/features/trips/routes/trip';
import { TripsRoute } from '@/features/trips/routes/trips';
import { BookingsRoute } from '@/features/bookings/routes/bookings';
import { useUser } from '@/lib/auth';
import { errorMessage } from '@/lib/problem';
import { PlanRoute } from './routes/plan';

function RequireUser() {
  const user = useUser();
  const location = useLocation();
  if (user.isPending || user.isError)
    return (
      <main id="main" className="page page--narrow">
        <h1 className="visually-hidden">Pathavana</h1>
        {user.isPending ? <Loading label="Loading your account…" /> : <Alert title="The server could not be reached.">{errorMessage(user.error)}</Alert>}
      </main>
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
      <EmptyState title="Page not found">
        <a href="/">Go to the planner</a>
      </EmptyState>
    </div>
  );
}

export const routes: RouteObject[] = [
  {
    element: <AuthShell />,
    children: [
      {
        element: <RedirectIfSignedIn />,
        children: [
          { path: '/sign-in', element: <SignInRoute /> },
          { path: '/sign-up', element: <SignUpRoute /> },
        ],
      },
      { path: '/forgot-password', element: <ForgotPasswordRoute /> },
      { path: '/reset-password', element: <ResetPasswordRoute /> },
      { path: '/confirm-email', element: <ConfirmEmailRoute /> },
    ],
  },
  {
    element: <RequireUser />,
    children: [
      {
        element: <AppShell />,
        children: [
          { path: '/', element: <PlanRoute /> },
          { path: '/search', element: <SearchRoute /> },
          { path: '/travelers', element: <TravelersRoute /> },
          { path: '/travelers/new', element: <NewTravelerRoute /> },
          { path: '/travelers/:id', element: <EditTravelerRoute /> },
          { path: '/trips', element: <TripsRoute /> },
          { path: '/trips/:id', element: <TripRoute /> },
          { path: '/bookings', element: <BookingsRoute /> },
          { path: '/account', element: <AccountRoute /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
