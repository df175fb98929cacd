import { Transform, type TransformCallback } from 'node:stream';
import { formatBytes, tooLarge } from './web-errors.js';

/** Passes bytes through and fails with `too_large` as soon as more than `maxBytes` went by. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(tooLarge(`the file is larger than the ${formatBytes(this.maxBytes)} limit`));
    callback(null, chunk);
  }
}
