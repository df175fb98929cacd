const MAX_NAME_CHARS = 200;

/** Control, zero-width and bidirectional-override characters: they can disguise a name on screen. */
function isHidden(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0xfeff
  );
}

/** The decoded last path segment of `url`, made safe to show: "/calls/Call%2001.mp3" → "Call 01.mp3". */
export function displayName(url: URL): string {
  const segment = url.pathname.split('/').filter((part) => part !== '').at(-1) ?? '';
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment; // malformed percent-encoding: show it as it is
  }
  const visible = Array.from(name)
    .filter((char) => !isHidden(char.codePointAt(0)!))
    .join('')
    .replace(/[\\/]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(visible);
  const short = chars.length > MAX_NAME_CHARS ? `${chars.slice(0, MAX_NAME_CHARS - 1).join('')}…` : visible;
  return short === '' ? 'recording' : short;
}
