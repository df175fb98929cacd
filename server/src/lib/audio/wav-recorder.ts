import { createWriteStream, type WriteStream } from 'node:fs';
import { open, stat, truncate } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { WAV_HEADER_BYTES, wavHeader } from './wav.js';

/**
 * Appends PCM16 mono audio to a WAV file as it arrives; `close` writes the real sizes into the
 * header. Until then the header says 0 bytes of data, which players treat as "read to the end".
 */
export class WavRecorder {
  private readonly out: WriteStream;
  private dataBytes = 0;

  /** `existingDataBytes`: continue a recording another gateway started (a call that moved here). */
  constructor(
    private readonly file: string,
    private readonly sampleRateHz: number,
    existingDataBytes?: number,
  ) {
    if (existingDataBytes === undefined) {
      this.out = createWriteStream(file);
      this.out.write(wavHeader(0, sampleRateHz));
    } else {
      this.dataBytes = existingDataBytes;
      this.out = createWriteStream(file, { flags: 'a' });
    }
  }

  /** Opens an existing recording to append to it; a missing or headerless file starts afresh. */
  static async continue(file: string, sampleRateHz: number): Promise<WavRecorder> {
    const size = await stat(file).then((info) => info.size, () => 0);
    if (size < WAV_HEADER_BYTES) return new WavRecorder(file, sampleRateHz);
    // Whole samples only: a torn last write (crash) must not shift every later sample by a byte.
    const dataBytes = (size - WAV_HEADER_BYTES) & ~1;
    if (dataBytes !== size - WAV_HEADER_BYTES) await truncate(file, WAV_HEADER_BYTES + dataBytes);
    return new WavRecorder(file, sampleRateHz, dataBytes);
  }

  write(samples: Int16Array): void {
    this.dataBytes += samples.byteLength;
    // A copy: the caller may hand the same buffer on (transferred to a worker thread).
    this.out.write(Buffer.copyBytesFrom(samples));
  }

  get durationMs(): number {
    return (this.dataBytes / 2 / this.sampleRateHz) * 1000;
  }

  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
    const handle = await open(this.file, 'r+');
    try {
      await handle.write(wavHeader(this.dataBytes, this.sampleRateHz), 0, WAV_HEADER_BYTES, 0);
    } finally {
      await handle.close();
    }
  }
}
