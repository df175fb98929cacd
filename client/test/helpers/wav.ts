import { writeFile } from 'node:fs/promises';
import { wavHeader } from '../../../server/src/lib/audio/wav.js';

/** 16-bit mono PCM as the bytes of a WAV file. */
export function wavBytes(samples: Int16Array, sampleRateHz: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return Buffer.concat([wavHeader(data.length, sampleRateHz), data]);
}

/** Writes 16-bit mono PCM as a WAV file (what Chromium's fake audio capture reads). */
export async function writeWav(file: string, samples: Int16Array, sampleRateHz: number): Promise<void> {
  await writeFile(file, wavBytes(samples, sampleRateHz));
}
