import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { GoogleSignInButton } from '@/components/auth/GoogleSignInButton';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { useSignUp } from '@/lib/auth';
import { ApiError } from '@/lib/problem';
import { MIN_PASSWORD, validateEmail, validateNewPassword } from '../components/validation';

export function SignUpRoute() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string | undefined; password?: string | undefined }>({});
  const signUp = useSignUp();
  const navigate = useNavigate();

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = { email: validateEmail(email), password: validateNewPassword(password) };
    setErrors(next);
    if (next.email || next.password) return;
    signUp.mutate({ email: email.trim(), password }, { onSuccess: (outcome) => { if (outcome === 'signed-in') void navigate('/', { replace: true }); } });
  }

  if (signUp.data === 'check-email') {
    // The address already had an account (the server never says so; its email to the owner does).
    return (
      <section className="card auth-card" aria-labelledby="check-email-title">
        <h1 id="check-email-title">Check your email</h1>
        <Alert tone="info" title={`We've sent an email to ${signUp.variables?.email ?? 'this address'}.`}>
          It tells you what to do next. If you already have an account with this address, sign in with its password, or set a new password if you've forgotten it.
        </Alert>
        <div className="auth-card__links">
          <Link to="/sign-in">Sign in</Link>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </section>
    );
  }

  const server = signUp.error instanceof ApiError ? signUp.error : null;
  const other = server?.summary(['email', 'password']);
  return (
    <section className="card auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your account</h1>
      <p className="muted">Plan trips by talking them through, keep your travelers' details safe, and book in one place.</p>
      <GoogleSignInButton onSignedIn={() => void navigate('/', { replace: true })} />
      <form onSubmit={submit} noValidate>
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email ?? server?.fieldError('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a strong one.`}
          error={errors.password ?? server?.fieldError('password')}
        />
        {signUp.error && (other || !server) && <Alert title="We couldn't create the account.">{other || (signUp.error as Error).message}</Alert>}
        <Button type="submit" busy={signUp.isPending} className="btn--block">
          Create account
        </Button>
      </form>
      <div className="auth-card__links">
        <span>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </span>
      </div>
    </section>
  );
}
