/** Size of the canonical PCM WAV header. */
export const WAV_HEADER_BYTES = 44;

/** RIFF/WAVE header for 16-bit PCM with `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRateHz: number, channels = 1): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  const bytesPerSample = 2;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRateHz, 24);
  header.writeUInt32LE(sampleRateHz * channels * bytesPerSample, 28);
  header.writeUInt16LE(channels * bytesPerSample, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export interface WavInfo {
  sampleRateHz: number;
  channels: number;
  bitsPerSample: number;
  dataBytes: number;
  durationMs: number;
}

/** Reads the header this module writes (canonical 44-byte PCM). */
export function parseWavHeader(bytes: Buffer): WavInfo {
  if (bytes.length < WAV_HEADER_BYTES || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  const channels = bytes.readUInt16LE(22);
  const sampleRateHz = bytes.readUInt32LE(24);
  const bitsPerSample = bytes.readUInt16LE(34);
  const dataBytes = bytes.readUInt32LE(40);
  return { sampleRateHz, channels, bitsPerSample, dataBytes, durationMs: (dataBytes * 1000) / (sampleRateHz * channels * (bitsPerSample / 8)) };
}

/** Interleaves equal-length channels into one PCM16 buffer (what a multi-channel WAV holds). */
export function interleave(channels: Int16Array[]): Int16Array {
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((c) => c.length));
  const out = new Int16Array(length * channels.length);
  for (let i = 0; i < length; i++) for (let c = 0; c < channels.length; c++) out[i * channels.length + c] = channels[c]![i]!;
  return out;
}

/** Splits interleaved PCM16 into its channels. */
export function deinterleave(samples: Int16Array, channelCount: number): Int16Array[] {
  if (channelCount === 1) return [samples];
  const length = Math.floor(samples.length / channelCount);
  const channels = Array.from({ length: channelCount }, () => new Int16Array(length));
  for (let i = 0; i < length; i++) for (let c = 0; c < channelCount; c++) channels[c]![i] = samples[i * channelCount + c]!;
  return channels;
}
