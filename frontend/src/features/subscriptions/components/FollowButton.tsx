//! "Odebírat novinky" on a plan's, a working group's or a territory's page. A signed-in person
//! subscribes with one button, which then says they follow it and stops it; the same button
//! element stays, so keyboard focus stays on it, and a live status line says what changed. Anyone
//! else gets a link to sign in that comes back to this page.
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { FormErrors } from '../../../components/FormErrors';
import { mySubscriptionsQuery, useSubscribe, useUnsubscribe, type SubscriptionTarget } from '../api/subscriptions';

export function FollowButton({ targetType, targetId }: { targetType: SubscriptionTarget; targetId: string }) {
  const t = useT();
  const { user } = useSession();
  const location = useLocation();
  const mine = useQuery({ ...mySubscriptionsQuery(), enabled: !!user });
  const subscribe = useSubscribe();
  const unsubscribe = useUnsubscribe();
  if (!user) {
    return (
      <p className="follow">
        <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('follow.signIn')}</Link>
      </p>
    );
  }
  const current = mine.data?.find((s) => s.target_type === targetType && s.target_id === targetId);
  const busy = mine.isPending || subscribe.isPending || unsubscribe.isPending;
  const error = subscribe.error ?? unsubscribe.error;
  return (
    <div className="follow">
      <p role="status" className="follow-state">
        {current ? t(`follow.following.${targetType}`) : unsubscribe.isSuccess ? t('follow.stopped') : ''}
      </p>
      <FormErrors error={error} fields={[]} />
      <button
        type="button"
        className={current ? 'btn btn-secondary btn-small' : 'btn btn-primary btn-small'}
        // Not `disabled`: a disabled button drops the keyboard focus while the request runs.
        aria-disabled={busy || undefined}
        onClick={() => {
          if (busy) return;
          subscribe.reset();
          unsubscribe.reset();
          if (current) unsubscribe.mutate(current);
          else subscribe.mutate({ target_type: targetType, target_id: targetId });
        }}
      >
        {current ? t('follow.stop') : t('follow.start')}
      </button>
    </div>
  );
}
