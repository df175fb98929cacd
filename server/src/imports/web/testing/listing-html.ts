/** Directory listings as Apache httpd 2.4 (mod_autoindex, FancyIndexing) and nginx autoindex generate them. */
export interface ListingEntry {
  name: string;
  dir?: boolean;
  /** An href other than the entry's own name (a link elsewhere smuggled into the listing). */
  href?: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const hrefOf = (entry: ListingEntry) => escapeHtml(entry.href ?? `${encodeURIComponent(entry.name)}${entry.dir ? '/' : ''}`);

/** `folder` like "/recordings/2024/" (Apache shows it without the trailing slash). */
export function apacheListing(folder: string, entries: ListingEntry[]): string {
  const shown = folder.replace(/\/$/, '') || '/';
  const parent = folder.replace(/[^/]+\/$/, '');
  const rows = entries.map(
    (entry) =>
      `<tr><td valign="top"><img src="/icons/${entry.dir ? 'folder' : 'sound2'}.gif" alt="[${entry.dir ? 'DIR' : 'SND'}]"></td>` +
      `<td><a href="${hrefOf(entry)}">${escapeHtml(entry.name)}${entry.dir ? '/' : ''}</a></td><td align="right">2024-05-02 10:15  </td>` +
      `<td align="right">${entry.dir ? '  - ' : ' 12K'}</td><td>&nbsp;</td></tr>`,
  );
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of ${escapeHtml(shown)}</title>
 </head>
 <body>
<h1>Index of ${escapeHtml(shown)}</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="${escapeHtml(parent)}">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
${rows.join('\n')}
   <tr><th colspan="5"><hr></th></tr>
</table>
<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 80</address>
</body></html>
`;
}

/** `folder` like "/recordings/2024/". */
export function nginxListing(folder: string, entries: ListingEntry[]): string {
  const rows = entries.map((entry) => {
    const label = `${entry.name}${entry.dir ? '/' : ''}`;
    return `<a href="${hrefOf(entry)}">${escapeHtml(label)}</a>${' '.repeat(Math.max(1, 51 - label.length))}02-May-2024 10:15${' '.repeat(20)}${entry.dir ? '-' : '12345'}`;
  });
  return `<html>
<head><title>Index of ${escapeHtml(folder)}</title></head>
<body>
<h1>Index of ${escapeHtml(folder)}</h1><hr><pre><a href="../">../</a>
${rows.join('\n')}
</pre><hr></body>
</html>
`;
}
