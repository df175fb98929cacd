import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { tooLarge } from './web-errors.js';

/**
 * Decodes a body as text, refusing more than `maxChars` while it arrives. `head` is what was already
 * taken from the body (content sniffing): it comes first.
 */
export async function readText(body: Readable, contentType: string | undefined, maxChars: number, head?: Buffer): Promise<string> {
  const decoder = textDecoderFor(contentType);
  let text = '';
  const append = (decoded: string) => {
    text += decoded;
    if (text.length > maxChars) throw tooLarge(`the document is longer than ${maxChars} characters`);
  };
  try {
    if (head) append(decoder.decode(head, { stream: true }));
    for await (const chunk of body) append(decoder.decode(chunk as Buffer, { stream: true }));
    append(decoder.decode());
  } finally {
    body.destroy();
  }
  return text;
}

/** The first bytes of a body (one read), leaving the rest for `readText`; undefined for an empty body. */
export function readFirstChunk(body: Readable): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const settle = (chunk: Buffer | undefined, error?: unknown) => {
      body.off('readable', onReadable).off('end', onEnd).off('close', onEnd).off('error', onError);
      if (error !== undefined) reject(error);
      else resolve(chunk);
    };
    const onReadable = () => {
      const chunk = body.read() as Buffer | null;
      if (chunk !== null) settle(chunk);
    };
    const onEnd = () => settle(undefined);
    const onError = (error: unknown) => settle(undefined, error);
    // 'close' too: a body destroyed without an error must not leave the caller waiting.
    body.on('readable', onReadable).on('end', onEnd).on('close', onEnd).on('error', onError);
  });
}

function textDecoderFor(contentType: string | undefined): TextDecoder {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8'); // an unknown charset label: UTF-8 is the web's default
  }
}
