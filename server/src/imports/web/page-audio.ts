import type { FileCollector } from './file-collector.js';
import type { ParsedPage, PageLink } from './html-links.js';
import { hasAudioExtension, isAudioType } from './audio-hints.js';

/** `href` resolved against `<base href>` (itself relative to the page) or the page URL; http(s) only, no fragment. */
export function resolveLink(href: string, baseHref: string | undefined, pageUrl: URL): URL | undefined {
  try {
    const base = baseHref === undefined ? pageUrl : new URL(baseHref, pageUrl);
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

/** A link points to audio by its extension, or by being an audio player's source, or by a `type="audio/…"`. */
function isAudioLink(link: PageLink, url: URL): boolean {
  if (hasAudioExtension(url) || isAudioType(link.type)) return true;
  return link.tag === 'audio' || (link.tag === 'source' && link.inAudio);
}

/**
 * Collects the audio links of an ordinary page (any host: recordings often sit on a CDN — each download is
 * checked again). Returns how many links carried credentials and were skipped.
 */
export function collectPageAudio(page: ParsedPage, pageUrl: URL, collector: FileCollector): number {
  let withCredentials = 0;
  for (const link of page.links) {
    if (collector.truncated) break;
    const url = resolveLink(link.href, page.baseHref, pageUrl);
    if (!url || !isAudioLink(link, url)) continue;
    if (url.username !== '' || url.password !== '') withCredentials += 1;
    else collector.add(url);
  }
  return withCredentials;
}
