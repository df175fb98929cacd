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
