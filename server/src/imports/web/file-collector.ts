import type { DiscoveredFile } from './discover-audio.js';
import { displayName } from './display-name.js';

/**
 * The same URL spelt two ways is one file: no fragment, percent-escapes of unreserved characters decoded
 * and the others upper-cased (RFC 3986 §6.2.2); host case, default ports and dot segments are the URL
 * parser's job.
 */
export function normaliseUrl(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Discovered files in the order found, without duplicates, up to `maxFiles`. */
export class FileCollector {
  readonly files: DiscoveredFile[] = [];
  /** A file beyond the cap was found: the source has more than `files`. */
  truncated = false;
  private readonly seen = new Set<string>();

  constructor(private readonly maxFiles: number) {}

  add(url: URL, nameFrom: URL = url): void {
    const key = normaliseUrl(url);
    if (this.seen.has(key)) return;
    if (this.files.length >= this.maxFiles) {
      this.truncated = true;
      return;
    }
    this.seen.add(key);
    this.files.push({ url: key, name: displayName(nameFrom) });
  }
}
