import { registerInputSchema } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { register } from '../../api/auth';
import { ApiRequestError } from '../../api/http';
import { adoptSession } from '../../auth/auth-store';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { capitalise, formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { confirmationError, PasswordFields } from './PasswordFields';

const [newOrganisationSchema] = registerInputSchema.options;

/** A new organisation and its first admin — when this server allows it; it says so when it does not. */
export function NewOrganisationForm() {
  const [, navigate] = useLocation();
  const [organisationName, setOrganisationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [closedMessage, setClosedMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = newOrganisationSchema.safeParse({ organisationName, name, email, password });
    const mismatch = confirmationError(password, confirmation);
    if (!parsed.success || mismatch) return setErrors({ ...(parsed.success ? {} : formErrorsFromIssues(parsed.error.issues)), confirmation: mismatch });
    setBusy(true);
    setErrors({});
    try {
      const session = await register(parsed.data);
      navigate('/', { replace: true });
      adoptSession(session);
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.code === 'registration_closed') setClosedMessage(failure.message);
      else setErrors(formErrorsFromFailure(failure));
      setBusy(false);
    }
  };

  if (closedMessage)
    return (
      <div className="registration-closed" role="alert">
        <p className="notice">
          <strong>Registration is closed.</strong> {capitalise(closedMessage)}.
        </p>
        <p>Your admin’s invitation comes as a link: open it to create your account.</p>
        <p>
          <Link href="/login">Back to log in</Link>
        </p>
      </div>
    );

  return (
    <>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Organisation" autoComplete="organization" value={organisationName} error={errors.organisationName} onChange={(event) => setOrganisationName(event.target.value)} autoFocus />
        <TextField label="Your name" autoComplete="name" value={name} error={errors.name} onChange={(event) => setName(event.target.value)} />
        <TextField label="Email" type="email" autoComplete="username" value={email} error={errors.email} onChange={(event) => setEmail(event.target.value)} />
        <PasswordFields
          password={password}
          confirmation={confirmation}
          onPasswordChange={setPassword}
          onConfirmationChange={setConfirmation}
          error={errors.password}
          confirmationError={errors.confirmation}
        />
        <InlineError>{errors['']}</InlineError>
        <Button type="submit" variant="primary" busy={busy} className="auth-submit">
          Create organisation
        </Button>
      </form>
      <p className="auth-alt">
        You become its admin and can invite your team. Joining an existing organisation? Use the link from your invitation. <Link href="/login">Log in</Link> if you have an account.
      </p>
    </>
  );
}
