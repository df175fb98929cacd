/**
 * Where a bulk import keeps its files in the blob store, under the organisation:
 * `<org>/customer-<slug>/<job>/<file>` for the originals as downloaded and
 * `<org>/customer-<slug>-analysis/<call>/analysis.json` for the results. Every part is reduced to
 * safe characters, so no customer or file name can reach outside its folder.
 */

/** "Acme Clinics, Inc." → "acme-clinics-inc"; never empty, never `.`/`..`. */
export function customerSlug(customerName: string): string {
  const slug = customerName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'customer';
}

export const customerBucket = (slug: string) => `customer-${slug}`;

/** A downloaded file's name made safe for a key; the file id's prefix keeps equal names apart. */
export function safeFileName(fileId: string, name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return `${fileId.slice(0, 8)}-${safe || 'audio'}`;
}

export const originalFileKey = (orgId: string, slug: string, jobId: string, fileId: string, name: string) =>
  `${orgId}/${customerBucket(slug)}/${jobId}/${safeFileName(fileId, name)}`;

export const analysisKey = (orgId: string, slug: string, callId: string) => `${orgId}/${customerBucket(slug)}-analysis/${callId}/analysis.json`;
