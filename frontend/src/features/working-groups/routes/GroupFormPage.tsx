import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { CheckboxField, Field, Fieldset } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isStaff, managesEverywhere, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { TerritorySelect } from '../../territories/components/TerritorySelect';
import { GROUP_KINDS, groupQuery, useSaveGroup, type GroupKind, type WorkingGroup } from '../api/groups';
import { useLeadership } from '../api/leadership';

const FIELDS = ['name', 'kind', 'territory_id', 'target_group', 'description', 'vision', 'quorum', 'is_active'] as const;
type Values = Record<Exclude<(typeof FIELDS)[number], 'is_active'>, string> & { is_active: boolean };

const toValues = (g?: WorkingGroup): Values => ({
  name: g?.name ?? '',
  kind: g?.kind ?? 'thematic',
  territory_id: g?.territory_id ?? '',
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
  const { user } = useSession();
  const existing = useQuery({ ...groupQuery(groupId ?? ''), enabled: !!groupId });
  const leadership = useLeadership(groupId ? [groupId] : []);
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveGroup();

  if (groupId && existing.isPending) return <PageLoading />;
  if (groupId && existing.error) return <PageError error={existing.error} />;
  if (!leadership.ready) return <PageLoading />;
  // Coordinators create groups in their territories and manage the groups there.
  const staff = existing.data ? leadership.manages(existing.data.territory_id) : isStaff(user);
  // Only coordinators of the whole installation may leave a group without a territory.
  const territoryRequired = !managesEverywhere(user);
  const allowed = staff || (!!groupId && leadership.leads(groupId));
  const title = groupId ? t('groups.editTitle') : t('groups.create');
  const back = groupId ? `/working-groups/${groupId}` : '/working-groups';
  if (!allowed) return <NarrowPage title={title}><NotAllowed /></NarrowPage>;

  const { values, field, errors } = form;
  const locked = !staff;

  return (
    <NarrowPage title={title}>
      {locked && (
        <div className="notice notice-warning">
          <p>{t('groups.leaderMayEdit')}</p>
        </div>
      )}
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          // Leaders may rewrite only the texts the group writes about itself.
          const texts = {
            target_group: v.target_group.trim() || null,
            description: v.description,
            vision: v.vision,
          };
          const full = {
            ...texts,
            name: v.name,
            kind: v.kind as GroupKind,
            territory_id: v.territory_id || null,
            quorum: v.quorum.trim() === '' ? null : Number(v.quorum),
            is_active: v.is_active,
          };
          const saved = existing.data
            ? await save.mutateAsync({ group: existing.data, body: staff ? full : texts })
            : await save.mutateAsync({ body: full });
          navigate(`/working-groups/${saved.id}`);
        })}
      >
        <Field label={t('groups.fields.name')} hint={t('groups.fields.nameHint')} errors={errors.name} required={!locked} requiredText={t('common.required')}>
          <input type="text" value={values.name} onChange={field('name')} disabled={locked} />
        </Field>
        <Fieldset legend={t('groups.fields.kind')} errors={errors.kind} disabled={locked}>
          {GROUP_KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name="kind" value={k} checked={values.kind === k} onChange={field('kind')} /> {t(`groupKind.${k}`)}
            </label>
          ))}
        </Fieldset>
        <Field
          label={t('groups.fields.territory')}
          hint={locked ? undefined : t('groups.fields.territoryHint')}
          errors={errors.territory_id}
          required={!locked && territoryRequired}
          requiredText={t('common.required')}
        >
          <TerritorySelect
            managed={!locked}
            disabled={locked}
            empty={territoryRequired && !locked ? t('territories.choose') : t('groups.noTerritory')}
            value={values.territory_id}
            onChange={(territory_id) => form.update({ territory_id })}
          />
        </Field>
        <Field label={t('groups.targetGroup')} hint={t('groups.fields.targetGroupHint')} errors={errors.target_group}>
          <input type="text" value={values.target_group} onChange={field('target_group')} />
        </Field>
        <Field label={t('groups.fields.description')} errors={errors.description}>
          <textarea rows={4} value={values.description} onChange={field('description')} />
        </Field>
        <Field label={t('groups.vision')} hint={t('groups.fields.visionHint')} errors={errors.vision}>
          <textarea rows={4} value={values.vision} onChange={field('vision')} />
        </Field>
        <Field label={t('groups.fields.quorum')} hint={t('groups.fields.quorumHint')} errors={errors.quorum}>
          <input type="number" inputMode="numeric" min={1} value={values.quorum} onChange={field('quorum')} disabled={locked} />
        </Field>
        <CheckboxField
          label={t('groups.fields.isActive')}
          hint={t('groups.fields.isActiveHint')}
          errors={errors.is_active}
          checked={values.is_active}
          disabled={locked}
          onChange={(is_active) => form.update({ is_active })}
        />
        <FormActions busy={form.busy} back={back} />
      </form>
    </NarrowPage>
  );
}
