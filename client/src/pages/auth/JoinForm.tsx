import { registerInputSchema, type InvitationInfo } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { lookUpInvitation, register } from '../../api/auth';
import { ApiRequestError, errorMessage } from '../../api/http';
import { adoptSession } from '../../auth/auth-store';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { ROLE_LABELS } from '../../ui/domain-labels';
import { InlineError, Loading } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { useRequest } from '../../ui/use-request';
import { confirmationError, PasswordFields } from './PasswordFields';

const [, invitedSchema] = registerInputSchema.options;

/** Registering with an invitation: what it is for first (organisation, role, email), then name and password. */
export function JoinForm({ invitation }: { invitation: string }) {
  const { reload, ...request } = useRequest((signal) => lookUpInvitation(invitation, signal), [invitation]);
  if (request.status === 'loading') return <Loading label="Checking your invitation…" />;
  if (request.status === 'error') {
    // Expired, used or unknown: retrying cannot help, a new invitation can.
    const unusable = request.error instanceof ApiRequestError && request.error.code === 'invalid_invitation';
    return (
      <div className="request-error">
        <InlineError>{unusable ? `This invitation cannot be used: ${errorMessage(request.error)}.` : errorMessage(request.error)}</InlineError>
        {unusable ? (
          <p>
            Already have an account? <Link href="/login">Log in</Link>.
          </p>
        ) : (
          <Button onClick={reload}>Try again</Button>
        )}
      </div>
    );
  }
  return <JoinDetails invitation={invitation} info={request.data} />;
}

function JoinDetails({ invitation, info }: { invitation: string; info: InvitationInfo }) {
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = invitedSchema.safeParse({ invitation, name, password });
    const mismatch = confirmationError(password, confirmation);
    if (!parsed.success || mismatch) return setErrors({ ...(parsed.success ? {} : formErrorsFromIssues(parsed.error.issues)), confirmation: mismatch });
    setBusy(true);
    setErrors({});
    try {
      const session = await register(parsed.data);
      // The token has done its job: off the address bar and out of the history.
      navigate('/', { replace: true });
      adoptSession(session);
    } catch (failure) {
      setErrors(formErrorsFromFailure(failure));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p className="auth-invite" data-testid="invitation">
        Join <strong>{info.organisationName}</strong> as <strong>{ROLE_LABELS[info.role].toLowerCase()}</strong> ({info.email})
      </p>
      <TextField label="Email" type="email" autoComplete="username" value={info.email} readOnly hint={`The invitation is valid until ${formatDateTime(info.expiresAt)}.`} />
      <TextField label="Your name" autoComplete="name" value={name} error={errors.name} onChange={(event) => setName(event.target.value)} autoFocus />
      <PasswordFields
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        error={errors.password}
        confirmationError={errors.confirmation}
      />
      <InlineError>{errors[''] ?? errors.invitation}</InlineError>
      <Button type="submit" variant="primary" busy={busy} className="auth-submit">
        Create account
      </Button>
    </form>
  );
}
