import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { errorMessage, fieldErrors } from '@/lib/problem';
import { useForgotPassword } from '../api/forgot-password';
import { validateEmail } from '../components/validation';

export function ForgotPasswordRoute() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const forgot = useForgotPassword();

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = validateEmail(email);
    setError(problem);
    if (!problem) forgot.mutate({ email: email.trim() });
  }

  return (
    <section className="card auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {forgot.isSuccess ? (
        <Alert tone="success" title="Check your email">
          If an account uses {email.trim()}, a link to choose a new password is on its way.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">Enter the email you signed up with and we'll send you a link to choose a new password.</p>
          <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={error ?? fieldErrors(forgot.error, ['email']).email} />
          {forgot.error && !fieldErrors(forgot.error, ['email']).email && <Alert>{errorMessage(forgot.error)}</Alert>}
          <Button type="submit" busy={forgot.isPending} className="btn--block">
            Send reset link
          </Button>
        </form>
      )}
      <div className="auth-card__links">
        <Link to="/sign-in">Back to sign in</Link>
      </div>
    </section>
  );
}
