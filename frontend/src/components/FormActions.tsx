//! The buttons under an edit form: save (off while a submit runs) and cancel back to `back`.
import { Link } from 'react-router';
import { useT } from '../i18n';

export function FormActions({ busy, back, save }: { busy: boolean; back: string; save?: string }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {save ?? t('common.save')}
      </button>
      <Link className="btn btn-secondary" to={back}>
        {t('common.cancel')}
      </Link>
    </div>
  );
}
