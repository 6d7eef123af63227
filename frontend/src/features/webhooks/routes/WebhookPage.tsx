//! One webhook: its settings (address, description, events, on or off), its delivery log (every
//! attempt: event, answer, duration, error, next retry), and deleting it.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { CheckboxField, Field } from '../../../components/Field';
import { DeleteSection } from '../../../components/DeleteSection';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, QueryView, SignInPrompt } from '../../../components/QueryState';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n, useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { deliveriesQuery, useDeleteWebhook, useSaveWebhook, webhookQuery, type EventType, type Webhook } from '../api/webhooks';
import { EventChoices } from '../components/EventChoices';

const FIELDS = ['url', 'description', 'events', 'enabled'] as const;
type Values = { url: string; description: string; events: EventType[]; enabled: boolean };
const toValues = (w?: Webhook): Values => ({
  url: w?.url ?? '',
  description: w?.description ?? '',
  events: w?.events ?? [],
  enabled: w?.enabled ?? true,
});

export function WebhookPage() {
  const { webhookId = '' } = useParams();
  const t = useT();
  const { user } = useSession();
  const staff = isStaff(user);
  const webhook = useQuery({ ...webhookQuery(webhookId), enabled: staff });
  const form = useForm({ entity: webhook.data, toValues, fields: FIELDS, refetch: webhook.refetch });
  const save = useSaveWebhook();
  const title = t('webhooks.detailTitle');
  if (!staff) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (webhook.isPending) return <PageLoading />;
  if (webhook.error) return <PageError error={webhook.error} />;
  const { values, errors, field, update } = form;
  const hook = webhook.data;
  return (
    <NarrowPage title={title}>
      <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
        <Link to="/account/webhooks">{t('webhooks.title')}</Link>
      </nav>
      <p className="link-is-address">
        <code>{hook.url}</code>
      </p>
      {!hook.enabled && <p className="notice notice-warning">{t('webhooks.disabledNotice')}</p>}
      <FormNotices form={form} />
      <div role="status">{save.isSuccess && !form.busy && <p className="notice notice-success">{t('webhooks.saved')}</p>}</div>
      <form
        onSubmit={form.onSubmit(async (v) => {
          await save.mutateAsync({ webhook: hook, body: { url: v.url.trim(), description: v.description.trim() || null, events: v.events, enabled: v.enabled } });
        })}
      >
        <Field label={t('webhooks.url')} hint={t('webhooks.urlHint')} errors={errors.url} required requiredText={t('common.required')}>
          <input type="url" inputMode="url" value={values.url} onChange={field('url')} />
        </Field>
        <Field label={t('webhooks.description')} errors={errors.description}>
          <input type="text" value={values.description} onChange={field('description')} />
        </Field>
        <EventChoices value={values.events} onChange={(events) => update({ events })} errors={errors.events} />
        <CheckboxField label={t('webhooks.enabledLabel')} hint={t('webhooks.enabledHint')} checked={values.enabled} errors={errors.enabled} onChange={(enabled) => update({ enabled })} />
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
      <Deliveries webhook={hook} />
      <DeleteWebhook webhook={hook} />
    </NarrowPage>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t, formatDateTime } = useI18n();
  const log = useInfiniteQuery(deliveriesQuery(webhook.id));
  return (
    <section aria-labelledby="deliveries">
      <h2 id="deliveries">{t('webhooks.deliveries')}</h2>
      <QueryView query={log}>
        {(data) => {
          const rows = data.pages.flatMap((p) => p.items);
          if (rows.length === 0) return <p>{t('webhooks.noDeliveries')}</p>;
          return (
            <>
              <TableWrap label={t('webhooks.deliveries')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('webhooks.when')}</th>
                      <th scope="col">{t('webhooks.event')}</th>
                      <th scope="col">{t('webhooks.attempt')}</th>
                      <th scope="col">{t('webhooks.answer')}</th>
                      <th scope="col">{t('webhooks.duration')}</th>
                      <th scope="col">{t('webhooks.nextRetry')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((d) => (
                      <tr key={d.id}>
                        <td>{formatDateTime(d.created_at)}</td>
                        <td>{t(`webhookEvent.${d.event_type}`)}</td>
                        <td>{d.attempt}</td>
                        <td>{d.status_code ?? d.error ?? t('common.notGiven')}</td>
                        <td>{t('webhooks.milliseconds', { count: d.duration_ms })}</td>
                        <td>{d.next_retry_at ? formatDateTime(d.next_retry_at) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {log.hasNextPage && (
                <button type="button" className="btn btn-secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                  {t('webhooks.moreDeliveries')}
                </button>
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function DeleteWebhook({ webhook }: { webhook: Webhook }) {
  const t = useT();
  const remove = useDeleteWebhook();
  return (
    <DeleteSection
      label={t('webhooks.delete')}
      question={t('webhooks.deleteTitle')}
      explain={t('webhooks.deleteExplain', { url: webhook.url })}
      name={webhook.url}
      after="/account/webhooks"
      remove={() => remove.mutateAsync(webhook)}
    />
  );
}
