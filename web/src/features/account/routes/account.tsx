import { Link } from 'react-router';
import { Alert, Loading, PageHeader } from '@/components/ui/Feedback';
import { Button } from '@/components/ui/Button';
import { useUser } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useNavigate } from 'react-router';
import { useResendConfirmation } from '../api/resend-confirmation';
import { useSignOutEverywhere } from '../api/sign-out-everywhere';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { ConsentsSection, DeleteAccountSection, ExportSection } from '../components/PrivacyControls';

export function AccountRoute() {
  const user = useUser();
  const resend = useResendConfirmation();
  const navigate = useNavigate();
  const everywhere = useSignOutEverywhere((ended) =>
    void navigate('/sign-in', {
      replace: true,
      state: { notice: `You're signed out everywhere (${ended.sessionsEnded === 1 ? '1 session' : `${ended.sessionsEnded} sessions`} ended). Sign in again to continue.` },
    }),
  );
  if (user.isPending) return <Loading />;
  const me = user.data;
  return (
    <div className="page page--narrow">
      <PageHeader title="Account and privacy" />
      {me && (
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Your account</h2>
          <dl className="facts">
            <div>
              <dt>Email</dt>
              <dd>{me.email}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{me.emailConfirmed ? <span className="pill pill--ok">Email confirmed</span> : <span className="pill pill--warn">Email not confirmed yet</span>}</dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>{formatDate(me.createdAt)}</dd>
            </div>
          </dl>
          {!me.emailConfirmed && (
            <div className="stack">
              <Button variant="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
                Send the confirmation email again
              </Button>
              {resend.isSuccess && <Alert tone="success">Sent. Open the link in the email to confirm.</Alert>}
              {resend.error && <Alert>{errorMessage(resend.error)}</Alert>}
            </div>
          )}
        </section>
      )}
      <section className="card">
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you're signed in</h2>
        <p className="muted">
          Lost a phone, or signed in on someone else's computer? Sign out everywhere ends every session of your account at once: other browsers, apps and
          this browser too. You can sign in again straight away.
        </p>
        <Button
          variant="secondary"
          busy={everywhere.isPending}
          onClick={() => everywhere.mutate()}
        >
          Sign out everywhere
        </Button>
        {everywhere.error && <Alert>{errorMessage(everywhere.error)}</Alert>}
      </section>
      <section className="card" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Privacy</h2>
        <p>
          Your travelers' details, your chats and your trips are encrypted with a key of your own before they are stored, and every read of passport details is
          recorded. <Link to="/privacy">How we use your data</Link>
        </p>
      </section>
      <ConsentsSection />
      <ExportSection />
      <DeleteAccountSection />
    </div>
  );
}
