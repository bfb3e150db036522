import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert, Loading } from '@/components/ui/Feedback';
import { formatDate } from '@/lib/format';
import { ApiError, errorMessage } from '@/lib/problem';
import { useConsents, useDeleteAccount, useErasurePreview, useExport, useSetConsent, type Consent, type OpenBooking } from '../api/privacy';

function formatMoney(price: OpenBooking['price']): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(Number(price.amount));
}

/** What you agreed to: each purpose with its wording, your decision and when; agree or withdraw. */
export function ConsentsSection() {
  const consents = useConsents();
  const change = useSetConsent();
  return (
    <section className="card" aria-labelledby="consents-title">
      <h2 id="consents-title">What you agreed to</h2>
      {consents.isPending && <Loading label="Loading your choices…" />}
      {consents.error && <Alert>{errorMessage(consents.error)}</Alert>}
      <ul className="consents">
        {consents.data?.map((c: Consent) => (
          <li key={c.purpose} className="consent">
            <h3 className="consent__title">{c.title}</h3>
            <p className="muted small">{c.text}</p>
            <p className="consent__state">
              {c.granted === true ? (
                <span className="pill pill--ok">Agreed {c.recordedAt ? `on ${formatDate(c.recordedAt)}` : ''}</span>
              ) : c.granted === false ? (
                <span className="pill pill--muted">Withdrawn {c.recordedAt ? `on ${formatDate(c.recordedAt)}` : ''}</span>
              ) : (
                <span className="pill pill--muted">Not agreed</span>
              )}{' '}
              <Button
                variant={c.granted ? 'secondary' : 'primary'}
                className="btn--small"
                busy={change.isPending && change.variables?.purpose === c.purpose}
                onClick={() => change.mutate({ purpose: c.purpose, granted: !c.granted })}
                aria-label={`${c.granted ? 'Withdraw' : 'Agree to'}: ${c.title}`}
              >
                {c.granted ? 'Withdraw' : 'Agree'}
              </Button>
            </p>
          </li>
        ))}
      </ul>
      {change.error && <Alert>{errorMessage(change.error)}</Alert>}
      <p className="muted small">
        Version {consents.data?.[0]?.version ?? 1} of the wording. <Link to="/privacy">How we use your data</Link>
      </p>
    </section>
  );
}

/** A copy of everything held about you: password again, then a download link valid for 7 days. */
export function ExportSection() {
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const exportData = useExport();
  const server = exportData.error instanceof ApiError ? exportData.error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!password);
    if (!password) return;
    exportData.mutate(password, { onSuccess: () => setPassword('') });
  }

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Download your data</h2>
      <p>
        One ZIP file with everything we hold about you: your account, travelers, trips (also as calendar files), bookings, chats, your choices above and the
        security records about your account.
      </p>
      {exportData.data ? (
        <Alert tone="success" title="Your download is ready.">
          <p>
            <a className="btn btn--primary" href={exportData.data.downloadUrl} download>
              Download your data (ZIP)
            </a>
          </p>
          <p className="small">The link works until {formatDate(exportData.data.expiresAt)} while you are signed in. After that, ask again here.</p>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <TextField
            label="Your password, to confirm it is you"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={missing ? 'Enter your password.' : server?.fieldError('password')}
          />
          {server && !server.fieldError('password') && <Alert>{server.summary(['password'])}</Alert>}
          <Button type="submit" busy={exportData.isPending}>
            Prepare my download
          </Button>
        </form>
      )}
    </section>
  );
}

/** Deleting the account: what happens, open bookings decided first, the password, a confirmation. */
export function DeleteAccountSection() {
  const preview = useErasurePreview();
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [choice, setChoice] = useState<'cancel' | 'keep' | ''>('');
  const [sure, setSure] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; choice?: string; sure?: string }>({});
  const server = remove.error instanceof ApiError ? remove.error : null;
  const open = preview.data?.openBookings ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      ...(password ? {} : { password: 'Enter your password.' }),
      ...(open.length > 0 && !choice ? { choice: 'Choose what happens to your bookings.' } : {}),
      ...(sure ? {} : { sure: 'Tick the box to confirm.' }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    remove.mutate(
      { password, confirmEmail: null, openBookings: open.length > 0 && choice ? choice : null },
      { onSuccess: () => void navigate('/privacy?deleted=1', { replace: true }) },
    );
  }

  return (
    <section className="card card--danger" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <p>
        This deletes your account, travelers, trips, chats and choices, and destroys the key that encrypted them, so no copy (backups included) can be read
        again. You are signed out everywhere. Bookings keep only what the law requires (amount, dates and the provider's reference), with no name attached.
      </p>
      {preview.isPending && <Loading label="Checking your bookings…" />}
      <form onSubmit={submit} noValidate>
        {open.length > 0 && (
          <fieldset className="field">
            <legend>
              <strong>You have {open.length === 1 ? 'a booking' : `${open.length} bookings`} still held with the provider.</strong> What should happen to{' '}
              {open.length === 1 ? 'it' : 'them'}?
            </legend>
            <ul className="open-bookings">
              {open.map((b) => (
                <li key={b.id}>
                  {b.summary} · {b.providerReference ?? 'no reference yet'} · {formatMoney(b.price)}
                </li>
              ))}
            </ul>
            <label className="choice">
              <input type="radio" name="openBookings" value="cancel" checked={choice === 'cancel'} onChange={() => setChoice('cancel')} /> Cancel{' '}
              {open.length === 1 ? 'it' : 'them'} with the provider first
            </label>
            <label className="choice">
              <input type="radio" name="openBookings" value="keep" checked={choice === 'keep'} onChange={() => setChoice('keep')} /> Keep{' '}
              {open.length === 1 ? 'it' : 'them'}: I will travel, or deal with the provider myself
            </label>
            {errors.choice && <p className="field__error">{errors.choice}</p>}
          </fieldset>
        )}
        <TextField
          label="Your password, to confirm it is you"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password ?? server?.fieldError('password')}
        />
        <label className="choice">
          <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} /> I understand this cannot be undone.
        </label>
        {errors.sure && <p className="field__error">{errors.sure}</p>}
        {server && !server.fieldError('password') && <Alert>{server.summary(['password'])}</Alert>}
        <Button type="submit" variant="danger" busy={remove.isPending}>
          Delete my account
        </Button>
      </form>
    </section>
  );
}
