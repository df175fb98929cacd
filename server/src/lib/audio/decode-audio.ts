import { execFile } from 'node:child_process';
import { AppError } from '../errors.js';

/**
 * Decodes any audio ffmpeg can read (by its content, not its name) to 16 kHz mono PCM16. From a
 * file path: ffmpeg cannot seek a pipe, and an m4a with its index at the end decodes to nothing.
 */
export function decodeAudioFile(file: string): Promise<Int16Array> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      ['-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', '16000', 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 2 ** 31 - 1 },
      (error, stdout) => {
        if (error || stdout.length < 2) return reject(new AppError('not_audio', 'the file is not audio that can be decoded (ffmpeg found no audio stream in it)'));
        resolve(new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length >> 1).slice());
      },
    );
  });
}
