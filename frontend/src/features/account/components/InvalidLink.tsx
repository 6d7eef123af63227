import { useT } from '../../../i18n';

/** A link from an e-mail that is unknown, already used or expired (or arrived without its token). */
export function InvalidLink({ children }: { children?: React.ReactNode }) {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1}>
      <p>{t('account.invalidLink')}</p>
      {children}
    </div>
  );
}
