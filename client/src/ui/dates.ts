/** Date and time as people read it here (the browser's locale and time zone). */
export const formatDateTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A `YYYY-MM-DD` day (UTC, as the analytics count days) as a short date. */
export const formatDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Today as `YYYY-MM-DD` in UTC (the API's days). */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The UTC day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
