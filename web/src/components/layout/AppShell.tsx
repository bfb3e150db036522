import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut, useUser } from '@/lib/auth';

const open: { to: string; label: string; end?: boolean }[] = [
  { to: '/', label: 'Plan', end: true },
  { to: '/search', label: 'Search' },
];
const mine: { to: string; label: string; end?: boolean }[] = [
  { to: '/trips', label: 'Trips' },
  { to: '/bookings', label: 'Bookings' },
  { to: '/travelers', label: 'Travelers' },
  { to: '/account', label: 'Account' },
];

export function Brand() {
  return (
    <span className="brand">
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="14" fill="currentColor" />
        <path d="M9 19l14-7-5 12-2-5z" fill="#fff" />
      </svg>
      <span className="brand__name">Pathavana</span>
    </span>
  );
}

/**
 * The frame of every page: skip link, header with navigation, the page. Open to anyone: a visitor
 * plans and searches without an account and is asked to sign in only to keep or book something.
 */
export function AppShell() {
  const user = useUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const signedIn = Boolean(user.data);
  const links = signedIn ? [...open, ...mine] : open;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="topbar__brand" aria-label="Pathavana home">
          <Brand />
        </NavLink>
        <nav aria-label="Main" className="topbar__nav">
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar__user">
          {user.data ? (
            <>
              <span className="topbar__email">{user.data.email}</span>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/') })}
              >
                Sign out
              </button>
            </>
          ) : user.isPending ? null : (
            <>
              <Link to="/sign-in" className="btn btn--ghost btn--small">
                Sign in
              </Link>
              <Link to="/sign-up" className="btn btn--primary btn--small">
                Create account
              </Link>
            </>
          )}
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** The frame of the signed-out pages (sign in, sign up, reset). */
export function AuthShell() {
  return (
    <div className="auth-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="auth-shell__header">
        <Link to="/" className="topbar__brand" aria-label="Pathavana home">
          <Brand />
        </Link>
      </header>
      <main id="main" className="auth-shell__main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="auth-shell__footer">
        <p>
          Plan a trip by talking it through. Open source and self-hostable. <Link to="/privacy">Privacy notice</Link>
        </p>
      </footer>
    </div>
  );
}
