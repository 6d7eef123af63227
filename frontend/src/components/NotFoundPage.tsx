import { Link } from 'react-router';
import { useT } from '../i18n';
import { PageTitle } from './PageTitle';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('errors.pageNotFound')}>{t('errors.pageNotFound')}</PageTitle>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
