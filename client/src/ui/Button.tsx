import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Shows the action is under way and blocks a second click. */
  busy?: boolean;
  small?: boolean;
}

/** A button that is a `<button>` (keyboard and screen-reader friendly); `type="button"` unless told. */
export function Button({ variant = 'secondary', busy = false, small = false, className, disabled, children, type = 'button', ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, small && 'button-small', className].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <span className="spinner spinner-inline" aria-hidden="true" />}
      {children}
    </button>
  );
}
