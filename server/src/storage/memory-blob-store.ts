import { Readable } from 'node:stream';
import { assertSafeKey, type BlobStore, type BlobWriter, type ByteRange } from './blob-store.js';

/**
 * Blobs in memory: for tests of code that records or reads blobs without a disk, and a second
 * implementation that keeps `BlobStore` honest (nothing may rely on a local path but the tools that
 * ask for `writablePath`).
 */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async openWriter(key: string, options: { append?: boolean } = {}): Promise<BlobWriter> {
    assertSafeKey(key);
    const store = this.blobs;
    let bytes = options.append ? Buffer.from(store.get(key) ?? Buffer.alloc(0)) : Buffer.alloc(0);
    let done = false;
    return {
      get size() {
        return bytes.length;
      },
      write(chunk) {
        if (done) throw new Error('blob writer already committed');
        bytes = Buffer.concat([bytes, chunk]);
      },
      async truncate(size) {
        bytes = bytes.subarray(0, size);
      },
      async overwrite(offset, chunk) {
        bytes = Buffer.from(bytes);
        bytes.set(chunk, offset);
      },
      async commit() {
        done = true;
        store.set(key, bytes);
      },
    };
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertSafeKey(key);
    this.blobs.set(key, Buffer.from(bytes));
  }

  async writablePath(): Promise<string> {
    throw new Error('the in-memory blob store has no local paths');
  }

  async commit(): Promise<void> {}

  read(key: string, range?: ByteRange): Readable {
    const bytes = this.blobs.get(key) ?? Buffer.alloc(0);
    return Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]);
  }

  async size(key: string): Promise<number | undefined> {
    return this.blobs.get(key)?.length;
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  /** The committed bytes (tests). */
  bytes(key: string): Buffer | undefined {
    return this.blobs.get(key);
  }
}
