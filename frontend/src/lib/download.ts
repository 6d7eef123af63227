//! Handing a file fetched through the API client to the browser. Documents rendered for the
//! signed-in person (drafts, staff-only texts) need their token, so they cannot be plain links.

/** Where the file goes: saved under a name, or opened in a new tab (printable HTML). */
export type Delivery = { save: string } | 'tab';

/** How long a new tab has to load the file's address before it is released. */
const TAB_GRACE_MS = 60_000;

export function deliverFile(blob: Blob, delivery: Delivery) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  if (delivery === 'tab') {
    a.target = '_blank';
    a.rel = 'noopener';
  } else {
    a.download = delivery.save;
  }
  a.click();
  // A download has read the blob by now; a new tab loads the address only after this returns.
  if (delivery === 'tab') setTimeout(() => URL.revokeObjectURL(url), TAB_GRACE_MS);
  else URL.revokeObjectURL(url);
}

/** A file name from a title, as the API names its downloads: "Komunitní plán Ostravy" → "komunitni-plan-ostravy";
 * a long title is cut after its last whole word within 80 characters. */
export function fileSlug(title: string): string {
  const MAX = 80;
  let slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
  if (slug.length > MAX) {
    const cut = slug[MAX] === '-' ? MAX : slug.lastIndexOf('-', MAX - 1);
    slug = slug.slice(0, cut > 0 ? cut : MAX);
  }
  slug = slug.replace(/-+$/, '');
  return slug || 'dokument';
}
