import { execFile } from 'node:child_process';
import { AppError } from '../errors.js';

/** Containers a recording may come in, as ffprobe's `format_name` lists them, and the name we record. */
const ACCEPTED_FORMATS: [RegExp, string][] = [
  [/^wav$/, 'wav'],
  [/^mp3$/, 'mp3'],
  [/(^|,)(mov|mp4|m4a)(,|$)/, 'm4a'],
  [/(^|,)webm(,|$)/, 'webm'],
  [/^ogg$/, 'ogg'],
  [/^flac$/, 'flac'],
];

export interface AudioProbe {
  /** wav, mp3, m4a, webm, ogg or flac: recognised from the content, never from the file name. */
  format: string;
  durationMs: number;
  channels: number;
}

/**
 * What a downloaded file really is. ffprobe reads the content, so a text file named `.mp3` or a
 * truncated WAV is refused here with a reason a manager can act on.
 */
export function probeAudio(file: string): Promise<AudioProbe> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_type,channels', '-of', 'json', file],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        const detail = String(stderr).trim().split('\n').at(-1)?.replace(/^.*?: /, '').slice(0, 120);
        if (error) return reject(new AppError('not_audio', `not a recognised audio file${detail ? ` (${detail})` : ''}`));
        let parsed: { format?: { format_name?: string; duration?: string }; streams?: { codec_type?: string; channels?: number }[] };
        try {
          parsed = JSON.parse(String(stdout)) as typeof parsed;
        } catch {
          return reject(new AppError('not_audio', 'not a recognised audio file (unreadable probe output)'));
        }
        const formatName = parsed.format?.format_name ?? '';
        const audio = parsed.streams?.find((stream) => stream.codec_type === 'audio');
        const format = ACCEPTED_FORMATS.find(([pattern]) => pattern.test(formatName))?.[1];
        if (!audio) return reject(new AppError('not_audio', `no audio stream in the file${formatName ? ` (it is ${formatName})` : ''}`));
        if (!format) return reject(new AppError('unsupported_format', `audio in an unsupported container (${formatName}); accepted: WAV, MP3, M4A, WebM, OGG, FLAC`));
        const seconds = Number.parseFloat(parsed.format?.duration ?? '');
        resolve({ format, durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0, channels: audio.channels ?? 1 });
      },
    );
  });
}
