//! `datetime-local` inputs hold the browser's wall time; the API wants RFC 3339 instants in UTC.

const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 instant → `YYYY-MM-DDTHH:mm` in the browser's time zone (for a `datetime-local` value). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `datetime-local` value (browser wall time) → RFC 3339 instant in UTC; '' when empty or invalid. */
export function fromLocalInput(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** A wall time `hours` after another (for a meeting's default end). */
export function addHours(local: string, hours: number): string {
  if (!local) return '';
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return '';
  return toLocalInput(new Date(d.getTime() + hours * 3_600_000).toISOString());
}

/** A day in the browser's time zone as `YYYY-MM-DD` (a `date` input's value; the API's dates). */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
