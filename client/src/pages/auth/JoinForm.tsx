import { registerInputSchema, type InvitationInfo } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { lookUpInvitation } from '../../api/auth';
import { ApiRequestError, errorMessage } from '../../api/http';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { ROLE_LABELS } from '../../ui/domain-labels';
import { InlineError, Loading } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { useRequest } from '../../ui/use-request';
import { PasswordFields } from './PasswordFields';
import { useRegistration } from './use-registration';

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
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { errors, busy, submit: register } = useRegistration(invitedSchema);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await register({ invitation, name, password }, confirmation);
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
