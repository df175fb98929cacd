import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { WAV_HEADER_BYTES, wavHeader } from './wav.js';

/**
 * Appends PCM16 mono audio to a WAV file as it arrives; `close` writes the real sizes into the
 * header. Until then the header says 0 bytes of data, which players treat as "read to the end".
 */
export class WavRecorder {
  private readonly out: WriteStream;
  private dataBytes = 0;

  constructor(
    private readonly file: string,
    private readonly sampleRateHz: number,
  ) {
    this.out = createWriteStream(file);
    this.out.write(wavHeader(0, sampleRateHz));
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
