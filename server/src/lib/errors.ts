/** An expected failure with a stable machine-readable code, shown to API clients as is. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * How a speech engine failed, beyond `retryable`: `capacity` — it works but takes no more streams
 * now (not a reason to stop sending it new calls); `session-ended` — it ended the session at its
 * own limit and a new one continues at once (WhisperLive's DISCONNECT).
 */
export type ProviderFailure = 'error' | 'capacity' | 'session-ended';

/** A speech engine failure; `retryable` tells whether another attempt (or provider) may succeed. */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly failure: ProviderFailure = 'error',
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What may be logged of an error: its name, code and message, never its parameters. ORM query
 * errors carry the SQL parameters (transcripts, phrases) in their message, so the driver's error
 * they wrap (`cause`) is described instead.
 */
export function describeError(error: unknown): { name: string; code?: string; message: string } {
  let inner: unknown = error;
  while (inner instanceof Error && inner.cause instanceof Error && /query/i.test(inner.message)) inner = inner.cause;
  if (!(inner instanceof Error)) return { name: 'Error', message: String(inner).slice(0, 200) };
  const code = (inner as { code?: unknown }).code;
  const message = /query|params/i.test(inner.message) ? 'database query failed' : inner.message.slice(0, 200);
  return { name: inner.name, ...(typeof code === 'string' && { code }), message };
}

/** A 429: the caller must wait `retryAfterS` seconds (sent as `Retry-After`). */
export class RateLimitedError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterS: number,
  ) {
    super(code, message, 429);
    this.name = 'RateLimitedError';
  }
}
