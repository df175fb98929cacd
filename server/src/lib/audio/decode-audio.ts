import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import { execFile } from 'node:child_process';
import { AppError } from '../errors.js';

/**
 * Decodes any audio ffmpeg can read (by its content, not its name) to 16 kHz mono PCM16. From a
 * file path: ffmpeg cannot seek a pipe, and an m4a with its index at the end decodes to nothing.
 */
export function decodeAudioFile(file: string, channel?: 0 | 1): Promise<Int16Array> {
  // One channel of a stereo file (a call recorded with each party on its own channel), or a mono mix.
  const mixing = channel === undefined ? ['-ac', '1'] : ['-af', `pan=mono|c0=c${channel}`];
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      ['-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-f', 's16le', '-acodec', 'pcm_s16le', ...mixing, '-ar', String(AUDIO_SAMPLE_RATE_HZ), 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 2 ** 31 - 1 },
      (error, stdout) => {
        if (error || stdout.length < 2) return reject(new AppError('not_audio', 'the file is not audio that can be decoded (ffmpeg found no audio stream in it)'));
        resolve(new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length >> 1).slice());
      },
    );
  });
}

/** Channels of the file's first audio stream (0 when there is none or it cannot be read). */
export function audioChannels(file: string): Promise<number> {
  return new Promise((resolve) => {
    execFile('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=channels', '-of', 'csv=p=0', file], (error, stdout) => {
      resolve(error ? 0 : Number.parseInt(String(stdout).trim(), 10) || 0);
    });
  });
}

/**
 * The recording as it will be stored: two channels when the file has a party per channel (stereo),
 * otherwise a mono mix. More than two channels are mixed down.
 */
export async function decodeRecording(file: string): Promise<Int16Array[]> {
  if ((await audioChannels(file)) === 2) return Promise.all([decodeAudioFile(file, 0), decodeAudioFile(file, 1)]);
  return [await decodeAudioFile(file)];
}
