import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../lib/errors.js';

export interface ReceivedFile {
  path: string;
  filename: string;
  bytes: number;
  /** Removes the temporary copy. */
  discard(): Promise<void>;
}

/** Form fields that may carry the recording. */
const FILE_FIELDS = new Set(['file', 'audio']);

/**
 * Streams the audio file of a multipart upload to a temporary file, refusing more than `maxBytes`
 * while it arrives (never buffered whole). Missing, empty or oversize files are 400s with a reason.
 */
export async function receiveUpload(body: Readable, contentType: string, maxBytes: number): Promise<ReceivedFile> {
  if (!/^multipart\/form-data/i.test(contentType)) throw new AppError('not_multipart', 'upload the recording as multipart/form-data with a "file" field');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'call-upload-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const file = await new Promise<{ path: string; filename: string; truncated: boolean }>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: maxBytes } });
      } catch {
        return reject(new AppError('bad_multipart', 'the multipart body has no boundary'));
      }
      let received: Promise<{ path: string; filename: string; truncated: boolean }> | undefined;
      parser.on('file', (field, stream, info) => {
        if (!FILE_FIELDS.has(field) || received) return void stream.resume();
        const target = path.join(dir, 'upload');
        let truncated = false;
        stream.on('limit', () => (truncated = true));
        received = pipeline(stream, createWriteStream(target)).then(() => ({ path: target, filename: info.filename ?? 'recording', truncated }));
      });
      parser.on('error', () => reject(new AppError('bad_multipart', 'the multipart body could not be read')));
      parser.on('close', () => (received ? received.then(resolve, reject) : reject(new AppError('missing_file', 'no "file" field with a recording in the upload'))));
      body.on('error', reject);
      body.pipe(parser);
    });
    if (file.truncated) throw new AppError('file_too_large', `the recording is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`);
    const { size } = await stat(file.path);
    if (size === 0) throw new AppError('empty_file', 'the uploaded file is empty');
    return { ...file, bytes: size, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}
