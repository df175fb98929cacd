import { ApiRequestError, errorMessage } from '../api/http';

/** One message per field (by the issue path's first part; `''` for the form as a whole). */
export type FormErrors = Partial<Record<string, string>>;

type Issue = { path: string | readonly PropertyKey[]; message: string };

/** The server's messages are lower-case clauses ("wrong email or password"); standing alone, they start with a capital. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Field errors from zod issues (a check before sending) or the server's `issues` (`path` dotted):
 * the first message per field, capitalised to stand alone under its field.
 */
export function formErrorsFromIssues(issues: readonly Issue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path === 'string' ? (issue.path.split('.')[0] ?? '') : String(issue.path[0] ?? '');
    errors[field] ??= capitalise(issue.message);
  }
  return errors;
}

/** The errors to show for a failed submit: the server's field issues when it named fields, else its message for the whole form. */
export function formErrorsFromFailure(failure: unknown): FormErrors {
  if (failure instanceof ApiRequestError && failure.issues.length > 0) return formErrorsFromIssues(failure.issues);
  return { '': capitalise(errorMessage(failure)) };
}
