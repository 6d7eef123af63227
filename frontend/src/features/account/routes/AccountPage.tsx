//! "Můj účet": one's profile, password, notification settings and subscriptions.
import { Link } from 'react-router';
import { NarrowPage } from '../../../components/NarrowPage';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { NotificationsForm } from '../components/NotificationsForm';
import { PasswordForm } from '../components/PasswordForm';
import { ProfileForm } from '../components/ProfileForm';
import { SubscriptionList } from '../components/SubscriptionList';

export function AccountPage() {
  const t = useT();
  const { user } = useSession();
  return (
    <NarrowPage title={t('myAccount.title')}>
      {user ? (
        <>
          <ProfileForm me={user} />
          <PasswordForm />
          <NotificationsForm me={user} />
          <SubscriptionList />
        </>
      ) : (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent('/account')}`}>{t('myAccount.signIn')}</Link>
        </p>
      )}
    </NarrowPage>
  );
}
