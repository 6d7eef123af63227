import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { useT } from '../../../i18n';
import { isApiError } from '../../../lib/api/problem';
import { useConfirmEmailChange } from '../api/account';
import { useLinkToken } from '../api/linkToken';
import { InvalidLink } from '../components/InvalidLink';

/** The page a change-of-address e-mail links to (`/confirm-email#token=…`): confirms at once and says how it went. */
export function ConfirmEmailPage() {
  const t = useT();
  const token = useLinkToken();
  const confirm = useConfirmEmailChange();
  const { mutate } = confirm;
  // A link works once: never send it twice (React's development mode runs effects twice).
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  const title = t('account.confirmEmail.title');
  let result: React.ReactNode;
  if (!token || isApiError(confirm.error, 422)) result = <InvalidLink />;
  else if (isApiError(confirm.error, 409))
    result = (
      <div className="notice notice-error" role="alert">
        <p>{t('account.confirmEmail.taken')}</p>
      </div>
    );
  else if (confirm.isError)
    result = (
      <div className="notice notice-error" role="alert">
        <p>{t('errors.network')}</p>
      </div>
    );
  else if (confirm.isSuccess)
    result = (
      <div className="notice notice-success" role="status">
        <p>{t('account.confirmEmail.done')}</p>
        <p>
          <Link to="/">{t('account.toHome')}</Link>
        </p>
      </div>
    );
  else result = <p role="status">{t('account.confirmEmail.working')}</p>;
  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {result}
    </div>
  );
}
