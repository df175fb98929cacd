/** File extensions taken as audio during discovery; ffprobe has the final word later. */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set(['wav', 'wave', 'mp3', 'm4a', 'mp4', 'webm', 'ogg', 'oga', 'opus', 'flac', 'aac']);

/** Non-`audio/*` types that commonly carry recordings (an .mp4 or .webm call recording, Ogg). */
const AUDIO_CARRIER_TYPES = new Set(['video/mp4', 'video/webm', 'video/ogg', 'application/ogg']);

export type DocumentKind = 'audio' | 'html' | 'json';

/** The media type without parameters, lower case: "text/html; charset=utf-8" → "text/html". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isAudioType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type.startsWith('audio/') || AUDIO_CARRIER_TYPES.has(type);
}

/** Whether the last path segment of `url` ends in an audio extension (`/calls/a%20b.MP3` → yes). */
export function hasAudioExtension(url: URL): boolean {
  const segment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const dot = segment.lastIndexOf('.');
  return dot > 0 && AUDIO_EXTENSIONS.has(segment.slice(dot + 1).toLowerCase());
}

/** What a Content-Type says about a document, if anything. */
export function kindFromContentType(contentType: string | undefined): DocumentKind | undefined {
  const type = mediaType(contentType);
  if (isAudioType(type)) return 'audio';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  return undefined;
}

const ascii = (head: Buffer, offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;

/** Magic numbers of the audio containers ffmpeg is expected to read. */
export function looksLikeAudio(head: Buffer): boolean {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return true;
  if (ascii(head, 0, 'ID3') || ascii(head, 0, 'fLaC') || ascii(head, 0, 'OggS') || ascii(head, 4, 'ftyp')) return true;
  if (ascii(head, 0, 'FORM') && ascii(head, 8, 'AIF')) return true;
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return true; // Matroska / WebM
  return head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0; // MPEG audio frame or ADTS AAC sync
}

/** HTML or JSON by the first non-blank character (after a BOM). */
export function looksLikeText(head: Buffer): DocumentKind | undefined {
  const start = head.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return undefined;
}
