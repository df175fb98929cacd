import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logger: fixed messages, data in fields. Transcripts, phrases and other customer content
 * may only be logged under `pii` keys, and tokens under `token`: both are always redacted.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: { paths: ['pii', 'pii.*', '*.pii', 'token', '*.token', 'authorization', 'password', '*.password', 'cookie', '*.cookie'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
