import { loginInputSchema } from '@call-assist/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { fetchAuthOptions } from '../../api/auth';
import { Link } from 'wouter';
import { useAuth } from '../../auth/auth-store';
import { signIn } from '../../auth/session';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { isCallActive, useLiveCall } from '../live-call/live-call-store';
import { AuthFrame } from './AuthFrame';

/**
 * Shown at any address while signed out: after logging in, the app opens the page that address
 * names — the one the user was on when the session ended.
 */
export function LoginPage() {
  const sessionEnded = useAuth((state) => state.sessionEnded);
  const callRunning = useLiveCall((state) => isCallActive(state.phase));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  // Offer creating an organisation only where the server allows it.
  const [registrationOpen, setRegistrationOpen] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetchAuthOptions(controller.signal).then(
      (options) => setRegistrationOpen(options.registrationOpen),
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginInputSchema.safeParse({ email, password });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      await signIn(parsed.data);
    } catch (failure) {
      setErrors(formErrorsFromFailure(failure));
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Log in">
      {sessionEnded && (
        <p className="notice" role="status">
          Your session has ended. Log in again to continue where you were.
          {callRunning && ' Your call is still running.'}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Email" type="email" autoComplete="username" value={email} error={errors.email} onChange={(event) => setEmail(event.target.value)} autoFocus />
        <TextField label="Password" type="password" autoComplete="current-password" value={password} error={errors.password} onChange={(event) => setPassword(event.target.value)} />
        <InlineError>{errors['']}</InlineError>
        <Button type="submit" variant="primary" busy={busy} className="auth-submit">
          Log in
        </Button>
      </form>
      <p className="auth-alt">
        Invited? Open the link from your invitation.
        {registrationOpen ? (
          <>
            {' '}
            New here? <Link href="/register">Create an organisation</Link>.
          </>
        ) : (
          ' New here? Ask an admin of your organisation to invite you.'
        )}
      </p>
    </AuthFrame>
  );
}
