import { Parser } from 'htmlparser2';

export type LinkTag = 'a' | 'audio' | 'source';

export interface PageLink {
  /** As written in the document (entities decoded), not yet resolved. */
  href: string;
  tag: LinkTag;
  /** The `type` attribute, lower case, if any (`<source type="audio/mpeg">`). */
  type: string | undefined;
  /** Inside an `<audio>` element (a `<source>` of an audio player). */
  inAudio: boolean;
}

export interface ParsedPage {
  links: PageLink[];
  /** `<base href>`, the base for relative links when present. */
  baseHref: string | undefined;
  /** Looks like a server-generated directory listing (Apache, nginx autoindex, lighttpd, python http.server). */
  isDirectoryListing: boolean;
}

const LISTING_HEADING = /^\s*(index of|directory listing for)\s+\//i;
const APACHE_SORT_LINK = /^\?C=[NMSD](;|&amp;|&)O=[AD]$/i;

/** Links to possible recordings in an HTML page: `<a href>`, `<audio src>`, `<source src>`, in document order. */
export function parsePage(html: string): ParsedPage {
  const links: PageLink[] = [];
  let baseHref: string | undefined;
  let audioDepth = 0;
  let headingTag: string | undefined;
  let headingText = '';
  let listingHeading = false;
  let sortLinks = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title' || name === 'h1') {
          headingTag = name;
          headingText = '';
        }
        if (name === 'base' && baseHref === undefined && attributes.href) baseHref = attributes.href;
        if (name === 'audio') audioDepth += 1;
        const type = attributes.type?.trim().toLowerCase() || undefined;
        if (name === 'a' && attributes.href !== undefined) {
          if (APACHE_SORT_LINK.test(attributes.href.trim())) sortLinks += 1;
          links.push({ href: attributes.href, tag: 'a', type, inAudio: audioDepth > 0 });
        }
        if ((name === 'audio' || name === 'source') && attributes.src !== undefined) {
          links.push({ href: attributes.src, tag: name, type, inAudio: audioDepth > 0 });
        }
      },
      ontext(text) {
        if (headingTag !== undefined) headingText += text;
      },
      onclosetag(name) {
        if (name === 'audio' && audioDepth > 0) audioDepth -= 1;
        if (name === headingTag) {
          if (LISTING_HEADING.test(headingText)) listingHeading = true;
          headingTag = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { links, baseHref, isDirectoryListing: listingHeading || sortLinks >= 2 };
}
