import type { registerInputSchema } from '@call-assist/shared';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { z } from 'zod';
import { register } from '../../api/auth';
import { adoptSession } from '../../auth/auth-store';
import { formErrorsFromFailure, formErrorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { confirmationError } from './PasswordFields';

/** One way of registering: a new organisation, or joining with an invitation. */
type RegistrationSchema = (typeof registerInputSchema.options)[number];

/**
 * Submitting a registration form: the fields (each option of the union checked on its own, so
 * errors name their field) and the repeated password, then the account, then the app. `refused`
 * may take a server refusal the form shows its own way; otherwise it becomes the form's errors.
 */
export function useRegistration<S extends RegistrationSchema>(schema: S, refused?: (failure: unknown) => boolean) {
  const [, navigate] = useLocation();
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (fields: z.input<S>, confirmation: string) => {
    const parsed = schema.safeParse(fields);
    const mismatch = confirmationError(fields.password, confirmation);
    if (!parsed.success || mismatch) return setErrors({ ...(parsed.success ? {} : formErrorsFromIssues(parsed.error.issues)), confirmation: mismatch });
    setBusy(true);
    setErrors({});
    try {
      const session = await register(parsed.data);
      // Off /register: an invitation's token leaves the address bar and the history.
      navigate('/', { replace: true });
      adoptSession(session);
    } catch (failure) {
      if (!refused?.(failure)) setErrors(formErrorsFromFailure(failure));
      setBusy(false);
    }
  };

  return { errors, busy, submit };
}
