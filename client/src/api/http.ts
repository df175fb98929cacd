import { CSRF_HEADER } from '@call-assist/shared';
import { z } from 'zod';
import { adoptSession, currentCsrfToken, markSessionEnded } from '../auth/auth-store';
import { authSessionSchema } from './schemas';

/** One problem with one field of a request body, as the server's validation names it. */
export interface FieldIssue {
  /** Dotted path into the body, e.g. `title` or `phrases.2`; empty for the body as a whole. */
  path: string;
  message: string;
}

/** A request that did not give the expected answer: an HTTP error, an unreachable server or a malformed reply. */
export class ApiRequestError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code (`invalid_body`, `not_found`, …) or `network_error` / `bad_response`. */
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const apiErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/** Methods that change state: the server wants the session's CSRF token with them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers every API request carries: the CSRF token on state-changing methods once signed in. */
export function authHeaders(method: string): Record<string, string> {
  const token = currentCsrfToken();
  return token && !SAFE_METHODS.has(method.toUpperCase()) ? { [CSRF_HEADER]: token } : {};
}

/**
 * What an error answer means for the session, whoever made the request: a 401 `unauthenticated`
 * ends it here too, and the app shows the login screen on the page the user was on. A 403
 * `forbidden` may mean an admin changed the user's role meanwhile: the session is fetched again, so
 * the navigation and controls follow the role the server now applies.
 */
export function noteAuthFailure(error: ApiRequestError): void {
  if (error.status === 401 && error.code === 'unauthenticated') markSessionEnded();
  if (error.status === 403 && error.code === 'forbidden') void refreshSession().catch(() => {});
}

async function refreshSession(): Promise<boolean> {
  return adoptSession((await send('GET', '/api/auth/me', authSessionSchema, {})) as z.infer<typeof authSessionSchema>);
}

/**
 * Calls the JSON API and parses the answer with `schema`; `null` as schema expects no content
 * (204). Every failure becomes an `ApiRequestError` a page can show as it is.
 */
export async function apiRequest<S extends z.ZodType>(method: string, path: string, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
export async function apiRequest(method: string, path: string, schema: null, options?: RequestOptions): Promise<void>;
export async function apiRequest(method: string, path: string, schema: z.ZodType | null, options: RequestOptions = {}): Promise<unknown> {
  try {
    return await send(method, path, schema, options);
  } catch (error) {
    // The session was replaced meanwhile (a login in another tab): its token is the one to send now.
    if (!(error instanceof ApiRequestError && error.status === 403 && error.code === 'csrf_failed')) throw error;
    if (!(await refreshSession())) throw error;
    return send(method, path, schema, options);
  }
}

async function send(method: string, path: string, schema: z.ZodType | null, options: RequestOptions): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...authHeaders(method),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiRequestError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  const text = await response.text();
  const json = text ? parseJson(text) : undefined;
  if (!response.ok) {
    const error = errorFromAnswer(response.status, response.statusText, json);
    noteAuthFailure(error);
    throw error;
  }
  if (schema === null) return undefined;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // A shape mismatch means client and server disagree (e.g. mid-deploy): say so rather than render garbage.
    console.error(`unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiRequestError(response.status, 'bad_response', 'The server sent an answer this page does not understand. Reload the page.');
  }
  return parsed.data;
}

/** The `ApiRequestError` for an error answer: the server's code and message when it sent them. */
export function errorFromAnswer(status: number, statusText: string, json: unknown): ApiRequestError {
  const parsed = apiErrorBodySchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues);
  return new ApiRequestError(status, 'http_error', `The server answered ${status} ${statusText}`.trim());
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A message for people from any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
