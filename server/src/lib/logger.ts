import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logger: fixed messages, data in fields. Transcripts, phrases and other customer content
 * may only be logged under `pii` keys, and tokens under `token`: both are always redacted.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['pii', 'pii.*', '*.pii', 'token', '*.token', 'authorization'], censor: '[redacted]' },
  });
}
