import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertSafeKey, type BlobStore, type BlobWriter, type ByteRange } from './blob-store.js';

/** Buffered bytes are written once this many have gathered, or after `FLUSH_INTERVAL_MS`. */
const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 1_000;

/** Blobs as files under one root directory (DATA_DIR/blobs). */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, key);
  }

  async writablePath(key: string): Promise<string> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    return file;
  }

  async commit(): Promise<void> {}

  async openWriter(key: string, options: { append?: boolean } = {}): Promise<BlobWriter> {
    const file = await this.writablePath(key);
    const existing = options.append ? await stat(file).then((info) => info.size, () => undefined) : undefined;
    const handle = await open(file, existing === undefined ? 'w' : 'r+');
    return new FileWriter(handle, existing ?? 0);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await writeFile(await this.writablePath(key), bytes);
  }

  read(key: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(key), range && { start: range.start, end: range.end });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return undefined;
    }
  }
}

/**
 * Writes at explicit positions, coalescing small appends (a live call sends 10 frames a second):
 * one write per 64 KiB or per second instead of one per frame.
 */
class FileWriter implements BlobWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes handed to the file so far (written or being written). */
  private flushedBytes: number;
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly handle: FileHandle,
    existingBytes: number,
  ) {
    this.flushedBytes = existingBytes;
  }

  get size(): number {
    return this.flushedBytes + this.pendingBytes;
  }

  write(bytes: Uint8Array): void {
    if (this.done) throw new Error('blob writer already committed');
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  async truncate(size: number): Promise<void> {
    if (this.pendingBytes > 0) throw new Error('truncate before writing');
    await this.afterPrevious(() => this.handle.truncate(size));
    this.flushedBytes = size;
  }

  async overwrite(offset: number, bytes: Uint8Array): Promise<void> {
    this.flush();
    await this.afterPrevious(async () => {
      await this.handle.write(bytes, 0, bytes.byteLength, offset);
    });
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.flush();
    this.done = true;
    await this.tail;
    await this.handle.close();
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    const position = this.flushedBytes;
    this.flushedBytes += chunk.byteLength;
    this.pending = [];
    this.pendingBytes = 0;
    void this.afterPrevious(async () => {
      await this.handle.write(chunk, 0, chunk.byteLength, position);
    });
  }

  /** Runs `step` after everything before it; a failure is kept and reported by `commit`. */
  private afterPrevious(step: () => Promise<unknown>): Promise<void> {
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        await step();
      } catch (error) {
        this.failure = error;
      }
    });
    return this.tail;
  }
}
