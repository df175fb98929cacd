import { errorMessage } from '../../lib/errors.js';
import type { FetchPolicy } from './fetch-policy.js';
import type { FileCollector } from './file-collector.js';
import { hasAudioExtension } from './audio-hints.js';
import { fetchDocument } from './fetch-document.js';
import { parsePage, type ParsedPage } from './html-links.js';
import { resolveLink } from './page-audio.js';
import { redactUrl } from './web-errors.js';

/** Listing pages one discovery reads at most (the root included): bounds a wide tree as maxDepth bounds a deep one. */
export const MAX_LISTING_PAGES = 500;

export interface ListingCrawl {
  policy: FetchPolicy;
  signal: AbortSignal | undefined;
  maxDepth: number;
  collector: FileCollector;
  warnings: string[];
}

/**
 * Collects the audio files of an Apache/nginx-style directory listing and of its sub-folders down to
 * `maxDepth` levels, depth first in listing order. Only links inside the listed folder on the same
 * origin count: sort links (`?C=N;O=D`), the parent directory and links elsewhere are ignored.
 * Returns the number of folders listed.
 */
export async function crawlListing(crawl: ListingCrawl, rootUrl: URL, rootPage: ParsedPage): Promise<number> {
  const visited = new Set([folderUrl(rootUrl)]);
  let pages = 1;
  let deeperSkipped = 0;
  let pageCapHit = false;

  const listFolder = async (listingUrl: URL, page: ParsedPage, depth: number): Promise<void> => {
    const folder = folderPath(listingUrl);
    for (const link of page.links) {
      if (crawl.collector.truncated) return;
      const url = link.tag === 'a' ? resolveLink(link.href, page.baseHref, listingUrl) : undefined;
      if (!url || url.origin !== listingUrl.origin || url.username !== '' || url.password !== '') continue;
      if (!url.pathname.startsWith(folder) || url.pathname === folder) continue; // parent, self, sort links, elsewhere
      if (!url.pathname.endsWith('/')) {
        if (hasAudioExtension(url)) crawl.collector.add(url);
        continue;
      }
      if (depth >= crawl.maxDepth) {
        deeperSkipped += 1;
        continue;
      }
      const key = folderUrl(url);
      if (visited.has(key)) continue;
      visited.add(key);
      if (pages >= MAX_LISTING_PAGES) {
        pageCapHit = true;
        continue;
      }
      pages += 1;
      const sub = await readSubListing(crawl, url, listingUrl);
      if (sub) await listFolder(sub.url, sub.page, depth + 1);
    }
  };

  await listFolder(rootUrl, rootPage, 0);
  if (deeperSkipped > 0) crawl.warnings.push(`${deeperSkipped} sub-folder(s) deeper than ${crawl.maxDepth} level(s) were not listed`);
  if (pageCapHit) crawl.warnings.push(`stopped listing sub-folders after ${MAX_LISTING_PAGES} folders`);
  return pages;
}

/** A sub-folder's listing, or undefined (with a warning) when it cannot be read or is not a listing of that folder. */
async function readSubListing(crawl: ListingCrawl, url: URL, parentUrl: URL): Promise<{ url: URL; page: ParsedPage } | undefined> {
  try {
    const document = await fetchDocument(url.href, crawl.policy, crawl.signal);
    // A redirect may not take the crawl to another host or out of the folder it came from.
    if (document.url.origin !== parentUrl.origin || !document.url.pathname.startsWith(folderPath(parentUrl))) {
      crawl.warnings.push(`${redactUrl(url)} redirects outside the listed folder; not followed`);
      return undefined;
    }
    const page = document.kind === 'html' ? parsePage(document.text) : undefined;
    if (!page?.isDirectoryListing) {
      crawl.warnings.push(`${redactUrl(url)} is not a directory listing; not followed`);
      return undefined;
    }
    return { url: document.url, page };
  } catch (error) {
    if (crawl.signal?.aborted) throw crawl.signal.reason;
    crawl.warnings.push(`could not list ${redactUrl(url)}: ${errorMessage(error)}`);
    return undefined;
  }
}

/** "/calls/2024/index.html" → "/calls/2024/": the folder a listing page lists. */
function folderPath(url: URL): string {
  return url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
}

function folderUrl(url: URL): string {
  return `${url.origin}${folderPath(url)}`;
}
