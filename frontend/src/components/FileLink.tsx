//! A link to a document the API renders (the plan document, the settlement register's CSV or HTML).
import { useT } from '../i18n';
import { deliverFile, type Delivery } from '../lib/download';

interface Props {
  /** The document's address: followed as is without `fetchFile`, and kept for copying the link. */
  href: string;
  delivery: Delivery;
  /** Fetches the document through the authenticated client (drafts and staff-only texts need the
   * token, and an expired session is renewed the usual way); the click then hands it over. */
  fetchFile?: () => Promise<Blob>;
  /** A failed fetch (null when a new attempt starts), for the page to show. */
  onError: (error: unknown) => void;
  children: React.ReactNode;
}

export function FileLink({ href, delivery, fetchFile, onError, children }: Props) {
  const t = useT();
  const newTab = delivery === 'tab';
  async function open(e: React.MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    onError(null);
    try {
      deliverFile(await fetchFile!(), delivery);
    } catch (err) {
      onError(err);
    }
  }
  return (
    <a
      href={href}
      target={newTab ? '_blank' : undefined}
      rel={newTab ? 'noopener' : undefined}
      download={newTab ? undefined : delivery.save}
      onClick={fetchFile ? open : undefined}
    >
      {children}
      {/* Said in the link itself, so nobody is surprised by the new tab (or loses the way back). */}
      {newTab && ` ${t('common.opensInNewTab')}`}
    </a>
  );
}
