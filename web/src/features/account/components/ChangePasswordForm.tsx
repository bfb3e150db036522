import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { ApiError } from '@/lib/problem';
import { useChangePassword } from '../api/change-password';

const MIN = 12;

export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ currentPassword?: string | undefined; newPassword?: string | undefined }>({});
  const change = useChangePassword();
  const server = change.error instanceof ApiError ? change.error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      currentPassword: current ? undefined : 'Enter your current password.',
      newPassword: !next ? `Enter a new password of at least ${MIN} characters.` : next.length < MIN ? `Use at least ${MIN} characters.` : undefined,
    };
    setErrors(found);
    if (found.currentPassword || found.newPassword) return;
    change.mutate({ currentPassword: current, newPassword: next }, { onSuccess: () => { setCurrent(''); setNext(''); } });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.currentPassword ?? server?.fieldError('currentPassword')} />
      <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} hint={`At least ${MIN} characters.`} error={errors.newPassword ?? server?.fieldError('newPassword')} />
      {change.isSuccess && <Alert tone="success" title="Password changed.">We've emailed you a note about it.</Alert>}
      {server && !server.fieldError('currentPassword') && !server.fieldError('newPassword') && <Alert>{server.message}</Alert>}
      <Button type="submit" busy={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
