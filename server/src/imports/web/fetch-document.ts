import type { FetchPolicy } from './fetch-policy.js';
import { hasAudioExtension, kindFromContentType, looksLikeAudio, looksLikeText, mediaType } from './audio-hints.js';
import { readFirstChunk, readText } from './read-text.js';
import { safeGet } from './safe-fetch.js';

/** Pages and JSON documents larger than this are not read (a listing of 10,000 files is ~2 MB). */
export const MAX_DOCUMENT_CHARS = 20_000_000;

export type FetchedDocument =
  | { kind: 'audio'; url: URL }
  | { kind: 'html' | 'json'; url: URL; text: string }
  | { kind: 'other'; url: URL; contentType: string };

/**
 * GETs `url` once and tells what it is: audio (only its first bytes are read, then the connection is
 * closed), an HTML page or a JSON document (read whole), or something else. Content-Type first, then the
 * first bytes, then the file extension — a text file named .mp3 counts as audio (ffprobe decides later).
 */
export async function fetchDocument(url: string, policy: FetchPolicy, signal?: AbortSignal): Promise<FetchedDocument> {
  const response = await safeGet(url, policy, signal);
  const finalUrl = new URL(response.url);
  const head = await readFirstChunk(response.body).catch((error: unknown) => {
    response.body.destroy();
    throw error;
  });
  const bytes = head ?? Buffer.alloc(0);
  const declared = kindFromContentType(response.contentType);
  let kind = declared;
  if (kind === undefined && looksLikeAudio(bytes)) kind = 'audio';
  if (kind === undefined && (hasAudioExtension(finalUrl) || hasAudioExtension(new URL(url)))) kind = 'audio';
  kind ??= looksLikeText(bytes);
  if (kind === 'audio' || kind === undefined) {
    response.body.destroy();
    return kind === 'audio' ? { kind, url: finalUrl } : { kind: 'other', url: finalUrl, contentType: mediaType(response.contentType) || 'none' };
  }
  const text = await readText(response.body, response.contentType, MAX_DOCUMENT_CHARS, head);
  return { kind, url: finalUrl, text };
}
