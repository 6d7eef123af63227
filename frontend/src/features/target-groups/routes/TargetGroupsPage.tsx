//! The target groups (cílové skupiny) that plans, services, needs and surveys name: every reader
//! sees the list, with the groups the national register knows marked; coordinators add a group.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { FormNotices } from '../../../components/FormNotices';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { TableWrap } from '../../../components/TableWrap';
import { useT } from '../../../i18n';
import { targetGroupsQuery } from '../../../lib/api/targetGroups';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { suggestCode, useCreateTargetGroup } from '../api/targetGroups';

export function TargetGroupsPage() {
  const t = useT();
  const groups = useQuery(targetGroupsQuery());
  const staff = isStaff(useSession().user);
  return (
    <>
      <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
        <Link to="/services">{t('nav.services')}</Link>
      </nav>
      <PageTitle title={t('targetGroups.title')}>{t('targetGroups.title')}</PageTitle>
      <p className="lead">{t('targetGroups.intro')}</p>
      <QueryView query={groups}>
        {(list) => (
          <TableWrap label={t('targetGroups.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('targetGroups.name')}</th>
                  <th scope="col">{t('targetGroups.code')}</th>
                  <th scope="col">{t('targetGroups.register')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((g) => (
                  <tr key={g.code}>
                    <td>
                      <Link to={`/services?group=${encodeURIComponent(g.code)}`}>{g.name}</Link>
                    </td>
                    <td>
                      <code>{g.code}</code>
                    </td>
                    <td>{g.register_id ?? t('targetGroups.notInRegister')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      {staff && <AddTargetGroup />}
    </>
  );
}

const FIELDS = ['name', 'code', 'description'] as const;
type Values = { name: string; code: string; description: string };
const blank = (): Values => ({ name: '', code: '', description: '' });

function AddTargetGroup() {
  const t = useT();
  const create = useCreateTargetGroup();
  // The form starts afresh (its entity changes) after each group added.
  const [added, setAdded] = useState<{ name: string } | undefined>();
  const form = useForm({ entity: added, toValues: blank, fields: FIELDS });
  const { values, errors, field, update } = form;
  // The code follows the name until someone types a code of their own.
  const [ownCode, setOwnCode] = useState(false);
  return (
    <section aria-labelledby="add-target-group" className="panel">
      <h2 id="add-target-group">{t('targetGroups.add')}</h2>
      <div role="status">{added && <p className="notice notice-success">{t('targetGroups.added', { name: added.name })}</p>}</div>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const saved = await create.mutateAsync({ name: v.name, code: v.code, description: v.description });
          setOwnCode(false);
          setAdded({ name: saved.name });
        })}
      >
        <Field label={t('targetGroups.name')} hint={t('targetGroups.nameHint')} errors={errors.name} required requiredText={t('common.required')}>
          <input
            type="text"
            value={values.name}
            onChange={(e) => update(ownCode ? { name: e.target.value } : { name: e.target.value, code: suggestCode(e.target.value) })}
          />
        </Field>
        <Field label={t('targetGroups.code')} hint={t('targetGroups.codeHint')} errors={errors.code} required requiredText={t('common.required')}>
          <input
            type="text"
            pattern="[a-z0-9_]{1,80}"
            value={values.code}
            onChange={(e) => {
              setOwnCode(true);
              field('code')(e);
            }}
          />
        </Field>
        <Field label={t('targetGroups.description')} errors={errors.description}>
          <textarea rows={3} value={values.description} onChange={field('description')} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('targetGroups.add')}
        </button>
      </form>
    </section>
  );
}
