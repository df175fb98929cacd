import type { BlobStore, BlobWriter } from '../../storage/blob-store.js';
import { WAV_HEADER_BYTES, wavHeader } from './wav.js';

/**
 * Records PCM16 audio (one channel, or several interleaved: one party per channel) as a WAV blob as it
 * arrives, through the blob store; `close` writes the real sizes into the header and commits. Until
 * then the header says 0 bytes of data, which players treat as "read to the end".
 */
export class WavRecorder {
  private constructor(
    private readonly writer: BlobWriter,
    private readonly sampleRateHz: number,
    private readonly channels: number,
    private dataBytes: number,
  ) {}

  /** A new recording under `key`. */
  static async create(blobs: BlobStore, key: string, sampleRateHz: number, channels = 1): Promise<WavRecorder> {
    const writer = await blobs.openWriter(key);
    writer.write(wavHeader(0, sampleRateHz, channels));
    return new WavRecorder(writer, sampleRateHz, channels, 0);
  }

  /** Continues the recording another gateway started (a call that moved here); a missing or headerless one starts afresh. */
  static async continue(blobs: BlobStore, key: string, sampleRateHz: number, channels = 1): Promise<WavRecorder> {
    const writer = await blobs.openWriter(key, { append: true });
    if (writer.size < WAV_HEADER_BYTES) {
      await writer.truncate(0);
      writer.write(wavHeader(0, sampleRateHz, channels));
      return new WavRecorder(writer, sampleRateHz, channels, 0);
    }
    // Whole frames only: a torn last write (crash) must not shift every later sample, or swap the channels.
    const frameBytes = 2 * channels;
    const dataBytes = writer.size - WAV_HEADER_BYTES - ((writer.size - WAV_HEADER_BYTES) % frameBytes);
    if (dataBytes !== writer.size - WAV_HEADER_BYTES) await writer.truncate(WAV_HEADER_BYTES + dataBytes);
    return new WavRecorder(writer, sampleRateHz, channels, dataBytes);
  }

  /** Interleaved samples of every channel. */
  write(samples: Int16Array): void {
    this.dataBytes += samples.byteLength;
    // A copy: the caller may hand the same buffer on.
    this.writer.write(Buffer.copyBytesFrom(samples));
  }

  get durationMs(): number {
    return (this.dataBytes / (2 * this.channels) / this.sampleRateHz) * 1000;
  }

  async close(): Promise<void> {
    await this.writer.overwrite(0, wavHeader(this.dataBytes, this.sampleRateHz, this.channels));
    await this.writer.commit();
  }
}
