//! Coordinators' and admins' webhooks: the list, and a new webhook whose signing secret is shown
//! once. Each webhook's page has its settings and delivery log.
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { FormNotices } from '../../../components/FormNotices';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, QueryView, SignInPrompt } from '../../../components/QueryState';
import { SecretOnce } from '../../../components/SecretOnce';
import { TableWrap } from '../../../components/TableWrap';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { useCreateWebhook, webhooksQuery, type EventType } from '../api/webhooks';
import { EventChoices } from '../components/EventChoices';

const FIELDS = ['url', 'description', 'events'] as const;
type Values = { url: string; description: string; events: EventType[] };
const blank = (): Values => ({ url: '', description: '', events: ['plan.status_changed'] });

export function WebhooksPage() {
  const t = useT();
  const { user } = useSession();
  const staff = isStaff(user);
  const list = useQuery({ ...webhooksQuery(), enabled: staff });
  const title = <PageTitle title={t('webhooks.title')}>{t('webhooks.title')}</PageTitle>;
  if (!staff) return <>{title}{user ? <NotAllowed /> : <SignInPrompt />}</>;
  return (
    <>
      {title}
      <p className="lead">{t('webhooks.intro')}</p>
      <p>
        <Link to="/account/api-keys">{t('apiKeys.title')}</Link>
      </p>
      <NewWebhook />
      <section aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">{t('webhooks.list')}</h2>
        <QueryView query={list}>
          {(hooks) =>
            hooks.length === 0 ? (
              <p>{t('webhooks.none')}</p>
            ) : (
              <TableWrap label={t('webhooks.list')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('webhooks.url')}</th>
                      <th scope="col">{t('webhooks.description')}</th>
                      <th scope="col">{t('webhooks.events')}</th>
                      <th scope="col">{t('webhooks.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hooks.map((h) => (
                      <tr key={h.id}>
                        <th scope="row" className="link-is-address">
                          <Link to={`/account/webhooks/${h.id}`}>{h.url}</Link>
                        </th>
                        <td>{h.description}</td>
                        <td>{h.events.length === 1 ? t(`webhookEvent.${h.events[0]}`) : t('webhooks.eventCount', { count: h.events.length })}</td>
                        <td>{h.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )
          }
        </QueryView>
      </section>
    </>
  );
}

function NewWebhook() {
  const t = useT();
  const create = useCreateWebhook();
  const [secret, setSecret] = useState<string | null>(null);
  // The form starts afresh after each webhook made.
  const [made, setMade] = useState<{ id: string } | undefined>();
  const form = useForm({ entity: made, toValues: blank, fields: FIELDS });
  const { values, errors, field, update } = form;
  const formHeading = useRef<HTMLHeadingElement>(null);
  return (
    <>
      {secret && (
        <SecretOnce
          secret={secret}
          title={t('webhooks.secretTitle')}
          once={t('webhooks.secretOnce')}
          copyLabel={t('webhooks.copy')}
          doneLabel={t('apiKeys.done')}
          copied={t('apiKeys.copied')}
          copyFailed={t('apiKeys.copyFailed')}
          testId="webhook-secret"
          onDone={() => {
            setSecret(null);
            formHeading.current?.focus();
          }}
        />
      )}
      <section className="panel" aria-labelledby="new-webhook">
        <h2 id="new-webhook" ref={formHeading} tabIndex={-1}>
          {t('webhooks.create')}
        </h2>
        <FormNotices form={form} />
        <form
          onSubmit={form.onSubmit(async (v) => {
            const created = await create.mutateAsync({ url: v.url.trim(), description: v.description.trim() || null, events: v.events });
            setSecret(created.secret);
            setMade({ id: created.id });
          })}
        >
          <Field label={t('webhooks.url')} hint={t('webhooks.urlHint')} errors={errors.url} required requiredText={t('common.required')}>
            <input type="url" inputMode="url" value={values.url} onChange={field('url')} />
          </Field>
          <Field label={t('webhooks.description')} hint={t('webhooks.descriptionHint')} errors={errors.description}>
            <input type="text" value={values.description} onChange={field('description')} />
          </Field>
          <EventChoices value={values.events} onChange={(events) => update({ events })} errors={errors.events} />
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            {t('webhooks.createButton')}
          </button>
        </form>
      </section>
    </>
  );
}
