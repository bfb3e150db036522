import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Loading } from '@/components/ui/Feedback';
import { ApiError, errorMessage } from '@/lib/problem';
import { useConfirmEmail } from '../api/confirm-email';

/** The emailed link: /confirm-email?userId=…&code=… confirms on arrival. */
export function ConfirmEmailRoute() {
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const code = params.get('code') ?? '';
  const confirm = useConfirmEmail();
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current || !userId || !code) return;
    sent.current = true;
    confirm.mutate({ userId, code });
  }, [userId, code, confirm]);

  const server = confirm.error instanceof ApiError ? confirm.error : null;
  return (
    <section className="card auth-card" aria-labelledby="confirm-title">
      <h1 id="confirm-title">Confirm your email</h1>
      {!userId || !code ? (
        <Alert title="This link is incomplete.">Open the link from the email again.</Alert>
      ) : confirm.isSuccess ? (
        <Alert tone="success" title="Your email is confirmed.">
          You can now book trips. <Link to="/">Start planning</Link>
        </Alert>
      ) : confirm.isError ? (
        <Alert title={server?.fieldError('code') ?? 'We could not confirm your email.'}>{server?.fieldError('code') ? 'Sign in and ask for a new confirmation email from your account page.' : errorMessage(confirm.error)}</Alert>
      ) : (
        <Loading label="Confirming your email…" />
      )}
      <div className="auth-card__links">
        <Link to="/sign-in">Go to sign in</Link>
      </div>
    </section>
  );
}
