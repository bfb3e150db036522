import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { ApiError, errorMessage } from '@/lib/problem';
import { useResetPassword } from '../api/reset-password';
import { validateNewPassword } from '../components/validation';

/** The emailed link: /reset-password?userId=…&code=… */
export function ResetPasswordRoute() {
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const code = params.get('code') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const reset = useResetPassword();

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = validateNewPassword(password);
    setError(problem);
    if (!problem) reset.mutate({ userId, code, newPassword: password });
  }

  const server = reset.error instanceof ApiError ? reset.error : null;
  if (!userId || !code) {
    return (
      <section className="card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        <Alert title="This link is incomplete.">Open the link from the email again, or ask for a new one.</Alert>
        <div className="auth-card__links">
          <Link to="/forgot-password">Ask for a new link</Link>
        </div>
      </section>
    );
  }
  return (
    <section className="card auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {reset.isSuccess ? (
        <Alert tone="success" title="Your password is changed.">
          <Link to="/sign-in">Sign in</Link> with the new one.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error ?? server?.fieldError('newPassword')}
          />
          {server?.fieldError('code') && (
            <Alert title={server.fieldError('code')}>
              <Link to="/forgot-password">Ask for a new link</Link>
            </Alert>
          )}
          {reset.error && !server?.fieldError('code') && !server?.fieldError('newPassword') && <Alert>{errorMessage(reset.error)}</Alert>}
          <Button type="submit" busy={reset.isPending} className="btn--block">
            Set new password
          </Button>
        </form>
      )}
    </section>
  );
}
