import type { FetchPolicy } from './fetch-policy.js';
import { AUDIO_EXTENSIONS, hasAudioExtension } from './audio-hints.js';
import { crawlListing } from './directory-listing.js';
import { fetchDocument, type FetchedDocument } from './fetch-document.js';
import { parseFetchUrl } from './fetch-target.js';
import { FileCollector } from './file-collector.js';
import { parsePage } from './html-links.js';
import { audioUrlsInJson } from './json-links.js';
import { collectPageAudio } from './page-audio.js';
import { noAudioFound, redactUrl } from './web-errors.js';

export interface DiscoveredFile {
  /** Absolute, normalised (no fragment); may carry a query string (signed links), so never log it as is. */
  url: string;
  /** The decoded last path segment, safe to display. */
  name: string;
}

export interface DiscoveryOptions {
  policy: FetchPolicy;
  /** How many levels of sub-folders of a directory listing are followed (0: the listed folder only). Default 3. */
  maxDepth: number;
  /** Default 1000; more makes `truncated` true. */
  maxFiles: number;
  signal?: AbortSignal;
}

export const defaultDiscoveryLimits = { maxDepth: 3, maxFiles: 1000 } as const;

export interface Discovery {
  files: DiscoveredFile[];
  /** The source holds more audio files than `maxFiles`: `files` are the first ones. */
  truncated: boolean;
  /** What was skipped and why (unreadable sub-folders, depth limit, …): for the job's log, free of credentials. */
  warnings: string[];
}

const EXTENSION_LIST = [...AUDIO_EXTENSIONS].join(', ');

/**
 * Finds the audio files behind `sourceUrl`: a direct audio link; an HTML page (`<a href>`, `<audio src>`,
 * `<source src>`); a JSON API (every string anywhere that is a URL, absolute or relative, of an audio file);
 * an Apache/nginx directory listing (sub-folders to `maxDepth`, same origin, never above the listed folder).
 * "Audio" means an audio extension or type hint here; the real check is ffprobe's, later.
 * Files are deduplicated and in a stable order (document order; listings depth first).
 *
 * Errors: those of `safeGet` for the source itself, and `no_audio_found`.
 */
export async function discoverAudio(sourceUrl: string, options: DiscoveryOptions): Promise<Discovery> {
  const source = parseFetchUrl(sourceUrl);
  const collector = new FileCollector(options.maxFiles);
  const warnings: string[] = [];
  const document = await fetchDocument(source.href, options.policy, options.signal);
  const nothingFound = await collect(document, source, collector, warnings, options);
  if (collector.files.length === 0) throw noAudioFound(nothingFound);
  if (collector.truncated) warnings.push(`stopped at ${options.maxFiles} files (the limit): the source has more`);
  return { files: collector.files, truncated: collector.truncated, warnings };
}

/** Fills `collector` from the document; returns what to say if it stays empty. */
async function collect(
  document: FetchedDocument,
  source: URL,
  collector: FileCollector,
  warnings: string[],
  options: DiscoveryOptions,
): Promise<string> {
  const where = redactUrl(document.url);
  switch (document.kind) {
    case 'audio':
      // The source URL, not the redirect target: that may be a short-lived signed link.
      collector.add(source, hasAudioExtension(document.url) ? document.url : source);
      return `${where} is not audio`;
    case 'html': {
      const page = parsePage(document.text);
      if (page.isDirectoryListing) {
        const folders = await crawlListing({ ...options, collector, warnings, signal: options.signal }, document.url, page);
        return `no audio files (${EXTENSION_LIST}) in the directory listing ${where} (${folders} folder(s) listed, sub-folders to depth ${options.maxDepth})`;
      }
      const withCredentials = collectPageAudio(page, document.url, collector);
      if (withCredentials > 0) warnings.push(`${withCredentials} audio link(s) with credentials (user:password@) skipped`);
      return `the page ${where} has no links to audio files (${EXTENSION_LIST}) and no <audio> players (${page.links.length} link(s) looked at)`;
    }
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(document.text);
      } catch {
        return `${where} is not valid JSON`;
      }
      let withCredentials = 0;
      for (const url of audioUrlsInJson(parsed, document.url)) {
        if (url.username !== '' || url.password !== '') withCredentials += 1;
        else collector.add(url);
      }
      if (withCredentials > 0) warnings.push(`${withCredentials} audio URL(s) with credentials (user:password@) skipped`);
      return `the JSON document ${where} holds no URL of an audio file (${EXTENSION_LIST})`;
    }
    case 'other':
      return `${where} is neither audio nor an HTML page, directory listing or JSON document (Content-Type: ${document.contentType})`;
  }
}
