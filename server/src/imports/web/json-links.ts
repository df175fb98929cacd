import { hasAudioExtension, isAudioType } from './audio-hints.js';

/** Keys whose string value says what an object is: `{"type":"audio/mpeg","url":"…/stream/7"}`. */
const TYPE_KEY = /type|mime|format/i;
/** Keys that hold the link of such an object. */
const LINK_KEY = /url|uri|href|src|link|download|file|path/i;

interface Candidate {
  url: URL;
  /** A bare file name ("call.mp3"): as often a name as a link. */
  bare: boolean;
}

/**
 * URLs of audio files anywhere in a JSON document, in document order: every string that is a URL (absolute,
 * or relative to `base`) ending in an audio extension, and the link of any object typed `audio/*`.
 * Bare file names ("a.mp3", no slash) count only when the document has no real links to audio: next to
 * a URL they are usually just its display name.
 */
export function audioUrlsInJson(document: unknown, base: URL): URL[] {
  const links: URL[] = [];
  const bareNames: URL[] = [];
  const keep = (candidate: Candidate | undefined, typedAudio: boolean) => {
    if (!candidate || !(typedAudio || hasAudioExtension(candidate.url))) return;
    (candidate.bare ? bareNames : links).push(candidate.url);
  };
  // Iterative depth-first walk (a deeply nested document must not overflow the stack), in document order.
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value instanceof StringValue) {
      keep(candidateUrl(value.text, base), value.typedLink);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) stack.push(box(value[index], false));
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      const typedAudio = entries.some(([key, field]) => TYPE_KEY.test(key) && typeof field === 'string' && isAudioType(field));
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, field] = entries[index]!;
        stack.push(box(field, typedAudio && LINK_KEY.test(key)));
      }
    }
  }
  return links.length > 0 ? links : bareNames;
}

/** A string met during the walk, with whether it is the link of an object typed audio. */
class StringValue {
  constructor(
    readonly text: string,
    readonly typedLink: boolean,
  ) {}
}

const box = (value: unknown, typedLink: boolean) => (typeof value === 'string' ? new StringValue(value, typedLink) : value);

function candidateUrl(value: string, base: URL): Candidate | undefined {
  const text = value.trim();
  if (text === '' || text.length > 4096 || /[\r\n\t]/.test(text)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined;
  // Spaces: tolerated in an absolute URL (sloppy APIs), but a relative "URL" with spaces is prose.
  if (scheme === undefined && text.includes(' ')) return undefined;
  try {
    const url = new URL(text, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { url, bare: scheme === undefined && !text.includes('/') };
  } catch {
    return undefined;
  }
}
