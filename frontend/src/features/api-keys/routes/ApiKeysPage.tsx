//! The caller's API keys; a new key's secret is shown once, with a copy button.
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field, Fieldset } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView, SignInPrompt } from '../../../components/QueryState';
import { SecretOnce } from '../../../components/SecretOnce';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { keysQuery, useCreateKey, useRevokeKey, type ApiKey, type Scope } from '../api/keys';

export function ApiKeysPage() {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const query = useQuery({ ...keysQuery(), enabled: !!user });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [secret, setSecret] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const submit = useSubmit();
  const revoke = useSubmit();
  const createKey = useCreateKey();
  const revokeKey = useRevokeKey();

  if (!user) {
    return (
      <>
        <PageTitle title={t('apiKeys.title')}>{t('apiKeys.title')}</PageTitle>
        <SignInPrompt />
      </>
    );
  }

  return (
    <>
      <PageTitle title={t('apiKeys.title')}>{t('apiKeys.title')}</PageTitle>
      <p className="lead">{t('apiKeys.intro')}</p>
      {isStaff(user) && (
        <p>
          <Link to="/account/webhooks">{t('webhooks.title')}</Link>: {t('webhooks.short')}
        </p>
      )}
      {secret && (
        <SecretOnce
          secret={secret}
          title={t('apiKeys.secretTitle')}
          once={t('apiKeys.secretOnce')}
          copyLabel={t('apiKeys.copy')}
          doneLabel={t('apiKeys.done')}
          copied={t('apiKeys.copied')}
          copyFailed={t('apiKeys.copyFailed')}
          testId="api-key-secret"
          onDone={() => {
            setSecret(null);
            listHeading.current?.focus();
          }}
        />
      )}
      <section className="panel" aria-labelledby="new-key">
        <h2 id="new-key">{t('apiKeys.create')}</h2>
        <FormErrors error={submit.error} fields={['name', 'scopes', 'expires_at']} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(async () => {
              const created = await createKey.mutateAsync({ name, scopes });
              setSecret(created.key);
              setName('');
            });
          }}
        >
          <Field label={t('apiKeys.name')} hint={t('apiKeys.nameHint')} errors={submit.errors.name} required requiredText={t('common.required')}>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Fieldset legend={t('apiKeys.scopes')} errors={submit.errors.scopes}>
            {(['read', 'write'] as const).map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={scopes.includes(s)}
                  onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
                />{' '}
                {t(`apiKeys.scope.${s}`)}
              </label>
            ))}
          </Fieldset>
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('apiKeys.createButton')}
          </button>
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" ref={listHeading} tabIndex={-1}>
          {t('apiKeys.list')}
        </h2>
        <FormErrors error={revoke.error} fields={[]} />
        <QueryView query={query}>
          {(keys) =>
            keys.length === 0 ? (
              <p>{t('apiKeys.none')}</p>
            ) : (
              <TableWrap label={t('apiKeys.list')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('apiKeys.name')}</th>
                      <th scope="col">{t('apiKeys.prefix')}</th>
                      <th scope="col">{t('apiKeys.scopes')}</th>
                      <th scope="col">{t('apiKeys.lastUsed')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('common.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.map((k) => (
                      <tr key={k.id}>
                        <th scope="row">{k.name}</th>
                        <td>
                          <code>{k.prefix}…</code>
                        </td>
                        <td>{k.scopes.map((s) => t(`apiKeys.scope.${s}`)).join(', ')}</td>
                        <td>{k.last_used_at ? formatDateTime(k.last_used_at) : t('apiKeys.never')}</td>
                        <td>
                          <button type="button" className="btn btn-secondary btn-small" onClick={() => setRevoking(k)}>
                            {t('apiKeys.revoke')}
                            <span className="visually-hidden"> {k.name}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )
          }
        </QueryView>
      </section>
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.revokeTitle')}
        confirmLabel={t('apiKeys.revoke')}
        busy={revoke.busy}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          void revoke.run(async () => {
            if (revoking) await revokeKey.mutateAsync(revoking.id);
            setRevoking(null);
          })
        }
      >
        <p>{t('apiKeys.revokeExplain', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
