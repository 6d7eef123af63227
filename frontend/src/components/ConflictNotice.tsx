import { useT } from '../i18n';

/** Shown on 412: someone else saved in the meantime; reloading shows their version. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const t = useT();
  return (
    <div className="notice notice-warning" role="alert">
      <p>{t('errors.conflict')}</p>
      <button type="button" className="btn btn-secondary btn-small" onClick={onReload}>
        {t('errors.reloadLatest')}
      </button>
    </div>
  );
}
