/**
 * WebSocket close codes of the live-call sockets, with what each means and whether a client should
 * reconnect after it (`retryable`): the others mean the same request would fail again.
 */
export const closeCodes = {
  normal: { code: 1000, retryable: false, meaning: 'call ended normally' },
  invalidMessage: {
    code: 4400,
    retryable: false,
    meaning: 'invalid message: bad JSON, unknown control, audio before hello, odd-length audio, no hello within 10 s',
  },
  unauthorized: {
    code: 4401,
    retryable: false,
    meaning:
      'unauthorized: forged, malformed or expired token, a token for another call, or a `watch` token on the rep socket (no token at all: HTTP 401 before the upgrade); access revoked',
  },
  unknownCall: { code: 4404, retryable: false, meaning: 'unknown call' },
  versionMismatch: { code: 4409, retryable: false, meaning: 'protocol version mismatch' },
  callEnded: { code: 4410, retryable: false, meaning: 'call already ended' },
  frameTooLarge: {
    code: 4413,
    retryable: false,
    meaning: 'frame too large (audio > 65,536 B, control > 4 KiB; frames > 1 MiB are cut by the transport with 1009)',
  },
  callBusy: { code: 4423, retryable: false, meaning: 'call already streaming from another socket' },
  rateLimited: {
    code: 4429,
    retryable: true,
    meaning:
      "rate limited: audio much faster than real time, or > 10 control messages/s on one socket; or one user's sockets on a gateway together over 120 messages/s or ~3 calls' worth of audio (96,000 B/s)",
  },
  internalError: { code: 4500, retryable: true, meaning: 'internal error' },
  engineUnavailable: { code: 4503, retryable: true, meaning: 'speech engine unavailable (e.g. at capacity)' },
} as const;

type CloseCodes = typeof closeCodes;

/** The close codes by name: `CloseCode.callEnded` is 4410. */
export const CloseCode = Object.fromEntries(Object.entries(closeCodes).map(([name, { code }]) => [name, code])) as {
  readonly [K in keyof CloseCodes]: CloseCodes[K]['code'];
};
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting may succeed. */
export const RETRYABLE_CLOSE_CODES: ReadonlySet<number> = new Set(
  Object.values(closeCodes)
    .filter((entry) => entry.retryable)
    .map((entry) => entry.code),
);
