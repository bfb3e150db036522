import { Link } from 'react-router';
import { Alert, Loading, PageHeader } from '@/components/ui/Feedback';
import { Button } from '@/components/ui/Button';
import { useUser } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useResendConfirmation } from '../api/resend-confirmation';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { ConsentsSection, DeleteAccountSection, ExportSection } from '../components/PrivacyControls';

export function AccountRoute() {
  const user = useUser();
  const resend = useResendConfirmation();
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
