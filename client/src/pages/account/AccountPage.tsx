import { passwordChangeSchema } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { changePassword } from '../../api/auth';
import { ApiRequestError } from '../../api/http';
import { useAuth } from '../../auth/auth-store';
import { loadSession } from '../../auth/session';
import { Button } from '../../ui/Button';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../ui/domain-labels';
import { InlineError } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { capitalise, formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { toastSuccess } from '../../ui/toasts';
import { confirmationError, PasswordFields } from '../auth/PasswordFields';

/** `/account`: who the user is here, and a new password. */
export default function AccountPage() {
  const user = useAuth((state) => state.session?.user);
  if (!user) return null;
  return (
    <section className="page account-page">
      <div className="page-header">
        <h1>Your account</h1>
      </div>
      <div className="account-layout">
        <dl className="facts" data-testid="account-facts">
          <div className="fact">
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div className="fact">
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div className="fact">
            <dt>Role</dt>
            <dd>
              {ROLE_LABELS[user.role]} <span className="muted-text small-text">({ROLE_DESCRIPTIONS[user.role]})</span>
            </dd>
          </div>
          <div className="fact">
            <dt>Organisation</dt>
            <dd>{user.organisation.name}</dd>
          </div>
        </dl>
        <ChangePasswordForm email={user.email} />
      </div>
    </section>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = passwordChangeSchema.safeParse({ currentPassword, newPassword });
    const mismatch = confirmationError(newPassword, confirmation);
    if (!parsed.success || mismatch) return setErrors({ ...(parsed.success ? {} : formErrorsFromIssues(parsed.error.issues)), confirmation: mismatch });
    setBusy(true);
    setErrors({});
    try {
      await changePassword(parsed.data.currentPassword, parsed.data.newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      toastSuccess('Password changed. Your other sessions have been logged out.');
      // The server may have renewed this session with the password: take its current CSRF token.
      void loadSession();
    } catch (failure) {
      const wrongPassword = failure instanceof ApiRequestError && failure.code === 'invalid_credentials';
      setErrors(wrongPassword ? { currentPassword: capitalise(failure.message) } : formErrorsFromFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel account-password" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        error={errors.currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
      />
      <PasswordFields
        label="New password"
        password={newPassword}
        confirmation={confirmation}
        onPasswordChange={setNewPassword}
        onConfirmationChange={setConfirmation}
        error={errors.newPassword}
        confirmationError={errors.confirmation}
      />
      <InlineError>{errors['']}</InlineError>
      <Button type="submit" variant="primary" busy={busy}>
        Change password
      </Button>
    </form>
  );
}
