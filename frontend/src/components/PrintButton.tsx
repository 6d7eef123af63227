//! Prints the page as it is: the print style sheet leaves out the navigation and spells out links.
import { useT } from '../i18n';

export function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="btn btn-secondary btn-small no-print" onClick={() => window.print()}>
      {t('common.print')}
    </button>
  );
}
