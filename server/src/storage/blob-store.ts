import type { Readable } from 'node:stream';

/**
 * A blob being written in order (a live recording). Nothing is promised durable before `commit`;
 * an S3-compatible store would stage it locally and upload on commit.
 */
export interface BlobWriter {
  /** Bytes in the blob: what it had when opened to append, plus everything written. */
  readonly size: number;
  /** Appends; buffered, written in order. */
  write(bytes: Uint8Array): void;
  /** Shortens the blob to `size` bytes (only before the first write: a torn tail left by a crash). */
  truncate(size: number): Promise<void>;
  /** Replaces bytes already written at `offset` (a header whose sizes are known only at the end). */
  overwrite(offset: number, bytes: Uint8Array): Promise<void>;
  /** Everything written is stored under the key; the writer is done. */
  commit(): Promise<void>;
}

/**
 * Where recordings and imported files live. Keys are relative paths such as
 * `<orgId>/calls/<callId>.wav`. The filesystem implementation is the default; an S3-compatible one
 * fits behind the same interface (stage locally, upload on `commit`).
 */
export interface BlobStore {
  /** Writes a new blob, or (`append`) continues one (a live call that moved here from another gateway). */
  openWriter(key: string, options?: { append?: boolean }): Promise<BlobWriter>;
  /** Stores a whole blob at once. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** A local path for a tool that writes files itself (a download, ffmpeg); `commit` stores what it wrote. */
  writablePath(key: string): Promise<string>;
  /** The file at `writablePath(key)` is complete. */
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
