import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { CheckboxField, Field, Fieldset } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { createGroup, GROUP_KINDS, groupKeys, groupQuery, updateGroup, type GroupKind, type WorkingGroup } from '../api/groups';
import { useLeadership } from '../api/leadership';

const FIELDS = ['name', 'kind', 'target_group', 'description', 'vision', 'quorum', 'is_active'] as const;
type Values = Record<Exclude<(typeof FIELDS)[number], 'is_active'>, string> & { is_active: boolean };

const toValues = (g?: WorkingGroup): Values => ({
  name: g?.name ?? '',
  kind: g?.kind ?? 'thematic',
  target_group: g?.target_group ?? '',
  description: g?.description ?? '',
  vision: g?.vision ?? '',
  quorum: g?.quorum != null ? String(g.quorum) : '',
  is_active: g?.is_active ?? true,
});

export function GroupFormPage() {
  const { groupId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...groupQuery(groupId ?? ''), enabled: !!groupId });
  const leadership = useLeadership(groupId ? [groupId] : []);
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  if (groupId && existing.isPending) return <PageLoading />;
  if (groupId && existing.error) return <PageError error={existing.error} />;
  if (!leadership.ready) return <PageLoading />;
  const staff = leadership.staff;
  const allowed = staff || (!!groupId && leadership.leads(groupId));
  const title = groupId ? t('groups.editTitle') : t('groups.create');
  const back = groupId ? `/working-groups/${groupId}` : '/working-groups';
  if (!allowed) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <NotAllowed />
      </div>
    );
  }

  const set = (k: Exclude<keyof Values, 'is_active'>) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const locked = !staff;

  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {locked && (
        <div className="notice notice-warning">
          <p>{t('groups.leaderMayEdit')}</p>
        </div>
      )}
      {submit.conflict && (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            const fresh = await existing.refetch();
            if (fresh.data) setValues(toValues(fresh.data));
          }}
        />
      )}
      {!submit.conflict && <FormErrors error={submit.error} fields={FIELDS} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            // Leaders may rewrite only the texts the group writes about itself.
            const texts = {
              target_group: values.target_group.trim() || null,
              description: values.description,
              vision: values.vision,
            };
            const full = {
              ...texts,
              name: values.name,
              kind: values.kind as GroupKind,
              quorum: values.quorum.trim() === '' ? null : Number(values.quorum),
              is_active: values.is_active,
            };
            const saved =
              groupId && existing.data
                ? await updateGroup(groupId, existing.data.version, staff ? full : texts)
                : await createGroup(full);
            await queryClient.invalidateQueries({ queryKey: groupKeys.all });
            navigate(`/working-groups/${saved.id}`);
          });
        }}
      >
        <Field label={t('groups.fields.name')} hint={t('groups.fields.nameHint')} errors={submit.errors.name} required={!locked} requiredText={t('common.required')}>
          <input type="text" value={values.name} onChange={set('name')} disabled={locked} />
        </Field>
        <Fieldset legend={t('groups.fields.kind')} errors={submit.errors.kind} disabled={locked}>
          {GROUP_KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name="kind" value={k} checked={values.kind === k} onChange={set('kind')} /> {t(`groupKind.${k}`)}
            </label>
          ))}
        </Fieldset>
        <Field label={t('groups.targetGroup')} hint={t('groups.fields.targetGroupHint')} errors={submit.errors.target_group}>
          <input type="text" value={values.target_group} onChange={set('target_group')} />
        </Field>
        <Field label={t('groups.fields.description')} errors={submit.errors.description}>
          <textarea rows={4} value={values.description} onChange={set('description')} />
        </Field>
        <Field label={t('groups.vision')} hint={t('groups.fields.visionHint')} errors={submit.errors.vision}>
          <textarea rows={4} value={values.vision} onChange={set('vision')} />
        </Field>
        <Field label={t('groups.fields.quorum')} hint={t('groups.fields.quorumHint')} errors={submit.errors.quorum}>
          <input type="number" inputMode="numeric" min={1} value={values.quorum} onChange={set('quorum')} disabled={locked} />
        </Field>
        <CheckboxField
          label={t('groups.fields.isActive')}
          hint={t('groups.fields.isActiveHint')}
          errors={submit.errors.is_active}
          checked={values.is_active}
          disabled={locked}
          onChange={(is_active) => setValues((v) => ({ ...v, is_active }))}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link className="btn btn-secondary" to={back}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
