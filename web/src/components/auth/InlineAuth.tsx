import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { useSignIn, useSignUp } from '@/lib/auth';
import { ApiError } from '@/lib/problem';
import { GoogleSignInButton } from './GoogleSignInButton';

const MIN_PASSWORD = 12;

/**
 * Sign-up (or sign-in) right where it is needed — at "Save" or "Book" — without leaving the page:
 * the picks and the conversation stay, and the anonymous chat becomes the new account's.
 */
export function InlineAuth({ reason, onDone, onCancel }: { reason: string; onDone: () => void; onCancel: () => void }) {
  const [mode, setMode] = useState<'up' | 'in'>('up');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string | undefined; password?: string | undefined }>({});
  // Set when signing up could not sign in: the address may already have an account (the server
  // never says so; the email it sends to the address does).
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const signUp = useSignUp();
  const signIn = useSignIn();
  const action = mode === 'up' ? signUp : signIn;
  const server = action.error instanceof ApiError ? action.error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      email: !email.trim() ? 'Enter your email address.' : /^[^\s@]+@[^\s@]+$/.test(email.trim()) ? undefined : 'Enter a valid email address.',
      password: !password ? (mode === 'up' ? `Choose a password of at least ${MIN_PASSWORD} characters.` : 'Enter your password.') : mode === 'up' && password.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters (a short phrase works well).` : undefined,
    };
    setErrors(found);
    if (found.email || found.password) return;
    const credentials = { email: email.trim(), password };
    if (mode === 'in') {
      signIn.mutate(credentials, { onSuccess: onDone });
      return;
    }
    signUp.mutate(credentials, {
      onSuccess: (outcome) => {
        if (outcome === 'signed-in') {
          onDone();
          return;
        }
        setCheckEmail(credentials.email);
        setPassword('');
        setMode('in');
      },
    });
  }

  function switchMode() {
    setCheckEmail(null);
    setMode(mode === 'up' ? 'in' : 'up');
  }

  const other = server?.summary(['email', 'password']);
  return (
    <section className="inline-auth" aria-labelledby="inline-auth-title">
      <h3 id="inline-auth-title">{mode === 'up' ? 'Create an account to continue' : 'Sign in to continue'}</h3>
      <p className="small muted">{reason} Everything you picked and said so far is kept.</p>
      {checkEmail && (
        <Alert tone="info" title={`Check your email: we've sent a message to ${checkEmail}.`}>
          If you already have an account with this address, sign in below with its password; everything you picked is kept.
        </Alert>
      )}
      <GoogleSignInButton onSignedIn={onDone} />
      <form onSubmit={submit} noValidate>
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email ?? server?.fieldError('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete={mode === 'up' ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={mode === 'up' ? `At least ${MIN_PASSWORD} characters.` : undefined}
          error={errors.password ?? server?.fieldError('password')}
        />
        {action.error && (other || !server) && <Alert title={mode === 'up' ? "We couldn't create the account." : 'Sign-in failed.'}>{other || (action.error as Error).message}</Alert>}
        <div className="form-actions">
          <Button type="submit" busy={action.isPending}>
            {mode === 'up' ? 'Create account and continue' : 'Sign in and continue'}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Not now
          </Button>
        </div>
      </form>
      <p className="small">
        {mode === 'up' ? 'Already have an account? ' : 'New here? '}
        <button type="button" className="link-button" onClick={switchMode}>
          {mode === 'up' ? 'Sign in instead' : 'Create an account instead'}
        </button>
      </p>
    </section>
  );
}
