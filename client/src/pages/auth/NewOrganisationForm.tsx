import { registerInputSchema } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiRequestError } from '../../api/http';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { capitalise } from '../../ui/form-errors';
import { PasswordFields } from './PasswordFields';
import { useRegistration } from './use-registration';

const [newOrganisationSchema] = registerInputSchema.options;

/** A new organisation and its first admin — when this server allows it; it says so when it does not. */
export function NewOrganisationForm() {
  const [organisationName, setOrganisationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [closedMessage, setClosedMessage] = useState<string>();
  const { errors, busy, submit: register } = useRegistration(newOrganisationSchema, (failure) => {
    if (!(failure instanceof ApiRequestError && failure.code === 'registration_closed')) return false;
    setClosedMessage(failure.message);
    return true;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await register({ organisationName, name, email, password }, confirmation);
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
