//! One's subscriptions on "Můj účet", each named and linked, with "Zrušit odběr".
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryView } from '../../../components/QueryState';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { planQuery } from '../../plans/api/plans';
import { groupQuery } from '../../working-groups/api/groups';
import { territoryQuery } from '../../territories/api/territories';
import { mySubscriptionsQuery, TARGET_PAGES, useUnsubscribe, type Subscription } from '../../subscriptions/api/subscriptions';

/** The target's name; undefined while it loads, or when it is gone. */
function useTargetName(s: Subscription): string | undefined {
  const plan = useQuery({ ...planQuery(s.target_id), enabled: s.target_type === 'plan' });
  const group = useQuery({ ...groupQuery(s.target_id), enabled: s.target_type === 'working_group' });
  const territory = useQuery({ ...territoryQuery(s.target_id), enabled: s.target_type === 'territory' });
  return plan.data?.title ?? group.data?.name ?? territory.data?.name;
}

function SubscriptionRow({ subscription: s, stop, busy }: { subscription: Subscription; stop: () => void; busy: boolean }) {
  const t = useT();
  const name = useTargetName(s) ?? t(`follow.kind.${s.target_type}`);
  return (
    <li>
      <span className="muted">{t(`follow.kind.${s.target_type}`)}:</span>{' '}
      <Link to={`${TARGET_PAGES[s.target_type]}/${s.target_id}`}>{name}</Link>{' '}
      <button type="button" className="btn btn-secondary btn-small" aria-disabled={busy || undefined} onClick={() => !busy && stop()}>
        {t('follow.stop')}
        <span className="visually-hidden">: {name}</span>
      </button>
    </li>
  );
}

// The row and its button are gone: the keyboard goes on from the list's heading.
const focusHeading = () => document.getElementById('account-subscriptions')?.focus();

export function SubscriptionList() {
  const t = useT();
  const mine = useQuery(mySubscriptionsQuery());
  const unsubscribe = useUnsubscribe();
  return (
    <section className="panel" aria-labelledby="account-subscriptions">
      <h2 id="account-subscriptions" tabIndex={-1}>
        {t('myAccount.subscriptions')}
      </h2>
      <div role="status">{unsubscribe.isSuccess && <p className="notice notice-success">{t('follow.stopped')}</p>}</div>
      <FormErrors error={unsubscribe.error} fields={[]} />
      <QueryView query={mine}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('myAccount.noSubscriptions')}</p>
          ) : (
            <ul className="plain-list subscription-list">
              {list.map((s) => (
                <SubscriptionRow key={s.id} subscription={s} busy={unsubscribe.isPending} stop={() => unsubscribe.mutate(s, { onSuccess: focusHeading })} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
