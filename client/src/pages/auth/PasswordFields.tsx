import { MIN_PASSWORD_CHARS } from '@call-assist/shared';
import { TextField } from '../../ui/fields';

/** A new password, typed twice so a typo does not lock the user out. */
export function PasswordFields({
  password,
  confirmation,
  onPasswordChange,
  onConfirmationChange,
  error,
  confirmationError,
  label = 'Password',
}: {
  password: string;
  confirmation: string;
  onPasswordChange(value: string): void;
  onConfirmationChange(value: string): void;
  error: string | undefined;
  confirmationError: string | undefined;
  label?: string;
}) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        value={password}
        error={error}
        hint={`At least ${MIN_PASSWORD_CHARS} characters.`}
        onChange={(event) => onPasswordChange(event.target.value)}
      />
      <TextField
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        error={confirmationError}
        onChange={(event) => onConfirmationChange(event.target.value)}
      />
    </>
  );
}

/** The error for the repeated password, if it does not match. */
export const confirmationError = (password: string, confirmation: string): string | undefined =>
  password === confirmation ? undefined : 'The two passwords differ.';
