import type { Readable } from 'node:stream';

/**
 * Where recordings and imported files live. Keys are relative paths such as
 * `<orgId>/calls/<callId>.wav`. The filesystem implementation is the default; an S3-compatible one
 * fits behind the same interface (write locally, then `commit` uploads).
 */
export interface BlobStore {
  /** A local path to write the blob to (directories created). */
  writablePath(key: string): Promise<string>;
  /** The blob at `writablePath(key)` is complete. */
  commit(key: string): Promise<void>;
  /**
   * The blob's bytes, or only `range` of them (inclusive offsets, as HTTP Range counts them): the
   * audio player seeks by asking for a range.
   */
  read(key: string, range?: ByteRange): Readable;
  size(key: string): Promise<number | undefined>;
  /** Removes the blob; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Bytes `start` to `end` of a blob, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Rejects keys that could escape the store (`..`, absolute paths, odd characters). */
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`unsafe blob key: ${JSON.stringify(key)}`);
  }
}

export const callAudioKey = (orgId: string, callId: string) => `${orgId}/calls/${callId}.wav`;
