/** A query string from optional values: unset and empty ones are left out, so URLs stay short and canonical. */
export function toSearchParams(values: Record<string, string | number | undefined>): URLSearchParams {
  return new URLSearchParams(Object.entries(values).flatMap(([key, value]) => (value === undefined || value === '' ? [] : [[key, String(value)]])));
}
