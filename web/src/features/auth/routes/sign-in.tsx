import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { GoogleSignInButton } from '@/components/auth/GoogleSignInButton';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { useSignIn } from '@/lib/auth';
import { ApiError } from '@/lib/problem';
import { validateEmail } from '../components/validation';

export function SignInRoute() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string | undefined; password?: string | undefined }>({});
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; notice?: string } | null;
  const from = state?.from ?? '/';

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = { email: validateEmail(email), password: password ? undefined : 'Enter your password.' };
    setErrors(next);
    if (next.email || next.password) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(from, { replace: true }) });
  }

  const server = signIn.error instanceof ApiError ? signIn.error : null;
  return (
    <section className="card auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p className="muted">Welcome back. Your trips and travelers are waiting.</p>
      {state?.notice && <Alert tone="success">{state.notice}</Alert>}
      <GoogleSignInButton onSignedIn={() => void navigate(from, { replace: true })} />
      <form onSubmit={submit} noValidate>
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email ?? server?.fieldError('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password ?? server?.fieldError('password')}
        />
        {signIn.error && !(server && (server.fieldError('email') || server.fieldError('password'))) && (
          <Alert title={server?.problem.title ?? 'Sign-in failed.'}>{server?.problem.detail ?? (signIn.error as Error).message}</Alert>
        )}
        <Button type="submit" busy={signIn.isPending} className="btn--block">
          Sign in
        </Button>
      </form>
      <div className="auth-card__links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <span>
          New here? <Link to="/sign-up">Create an account</Link>
        </span>
      </div>
    </section>
  );
}
