import { z } from 'zod';

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

/**
 * Calls the JSON API and parses the answer with `schema`; `null` as schema expects no content
 * (204). Every failure becomes an `ApiRequestError` a page can show as it is.
 */
export async function apiRequest<S extends z.ZodType>(method: string, path: string, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
export async function apiRequest(method: string, path: string, schema: null, options?: RequestOptions): Promise<void>;
export async function apiRequest(method: string, path: string, schema: z.ZodType | null, options: RequestOptions = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
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
    const parsed = apiErrorBodySchema.safeParse(json);
    if (parsed.success) throw new ApiRequestError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues);
    throw new ApiRequestError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}`.trim());
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

function parseJson(text: string): unknown {
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
