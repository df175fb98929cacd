import { ProviderError } from '../../lib/errors.js';

const clip = (text: string) => text.slice(0, 160);

/**
 * Why a stream could not open. The SDK surfaces only the `ws` error message, e.g.
 * "Unexpected server response: 401" for a refused handshake or "connect ECONNREFUSED …".
 */
export function openError(message: string, host: string): ProviderError {
  const status = Number(/Unexpected server response: (\d{3})/.exec(message)?.[1] ?? 0);
  if (status === 401 || status === 403) {
    return new ProviderError(
      'deepgram_unauthorized',
      `Deepgram rejected the API key (HTTP ${status}): set a valid key in DEEPGRAM_API_KEY`,
      false,
    );
  }
  if (status === 402) return new ProviderError('deepgram_no_credit', 'the Deepgram account has run out of credit (HTTP 402)', false);
  if (status === 400) {
    return new ProviderError(
      'deepgram_bad_request',
      'Deepgram refused the stream settings (HTTP 400): check DEEPGRAM_MODEL (keyterms need a nova-3 model) and the audio format',
      false,
    );
  }
  if (status === 429) {
    return new ProviderError(
      'deepgram_rate_limited',
      'Deepgram refused another concurrent stream (HTTP 429): lower DEEPGRAM_MAX_STREAMS or raise the account limit',
      true,
      'capacity',
    );
  }
  if (status !== 0) return new ProviderError('deepgram_unavailable', `Deepgram refused the stream (HTTP ${status})`, true);
  if (message === 'TIMEOUT') return new ProviderError('deepgram_unreachable', `timed out connecting to Deepgram at ${host}`, true);
  return new ProviderError('deepgram_unreachable', `could not connect to Deepgram at ${host}: ${clip(message)}`, true);
}

/**
 * Why an open stream ended before we finished it. Deepgram reports errors only as a close code
 * and reason: 1011 NET-0001 (no audio in time), 1011 NET-0000 (its own fault), 1008 or 1002
 * DATA-0000 (audio it cannot decode: sending it again cannot help).
 */
export function closeError(code: number, reason: string, socketError?: string): ProviderError {
  if (reason.includes('DATA-0000') || code === 1008 || code === 1002) {
    return new ProviderError(
      'deepgram_bad_audio',
      `Deepgram could not decode the audio and closed the stream (${code} ${clip(reason) || 'DATA-0000'}): check the encoding and sample rate`,
      false,
    );
  }
  if (reason.includes('NET-0001')) {
    return new ProviderError('deepgram_no_audio', 'Deepgram closed the stream because it received no audio or KeepAlive in time (NET-0001)', true);
  }
  if (reason.includes('NET-0000')) {
    return new ProviderError('deepgram_internal', 'Deepgram closed the stream after an internal error (NET-0000)', true);
  }
  if (socketError) return new ProviderError('deepgram_disconnected', `the connection to Deepgram failed: ${clip(socketError)}`, true);
  if (code === 1006) return new ProviderError('deepgram_disconnected', 'the connection to Deepgram dropped (1006, no close frame)', true);
  const detail = reason ? `${code} ${clip(reason)}` : String(code);
  return new ProviderError('deepgram_closed', `Deepgram closed the stream unexpectedly (${detail})`, true);
}
