import { AppError } from '../../lib/errors.js';

/** Error codes of the web-fetching layer (`AppError.code`). */
export const WebErrorCode = {
  urlRefused: 'url_refused',
  fetchFailed: 'fetch_failed',
  tooLarge: 'too_large',
  noAudioFound: 'no_audio_found',
} as const;
export type WebErrorCode = (typeof WebErrorCode)[keyof typeof WebErrorCode];

export const urlRefused = (message: string) => new AppError(WebErrorCode.urlRefused, message, 400);
export const fetchFailed = (message: string) => new AppError(WebErrorCode.fetchFailed, message, 502);
export const tooLarge = (message: string) => new AppError(WebErrorCode.tooLarge, message, 413);
export const noAudioFound = (message: string) => new AppError(WebErrorCode.noAudioFound, message, 422);

/**
 * A URL as it may appear in messages and logs: no user:password, and no query string, which in signed
 * download links (`?X-Amz-Signature=…`, `?token=…`) is a credential too.
 */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol} URL`;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}

/** "500 MB", "64 KB", "1000 bytes": caps as people read them. */
export function formatBytes(bytes: number): string {
  const round = (value: number) => String(Math.round(value * 10) / 10);
  if (bytes >= 1024 ** 3) return `${round(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
