//! Admins create a territory, or edit one (name, kind, code, parent), delete it and manage its
//! coordinators.
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { DeleteSection } from '../../../components/DeleteSection';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { isAdmin, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import {
  buildTree,
  flatten,
  KINDS,
  selfAndBelow,
  territoriesQuery,
  territoryQuery,
  useDeleteTerritory,
  useSaveTerritory,
  type Territory,
  type TerritoryKind,
} from '../api/territories';
import { CoordinatorsManager } from '../components/CoordinatorsManager';

const FIELDS = ['name', 'kind', 'code', 'parent_id'] as const;
type Values = { name: string; kind: TerritoryKind; code: string; parent_id: string };

const toValues = (t?: Territory): Values => ({
  name: t?.name ?? '',
  kind: t?.kind ?? 'municipality',
  code: t?.code ?? '',
  parent_id: t?.parent_id ?? '',
});

export function TerritoryFormPage() {
  const { territoryId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const admin = isAdmin(user);
  const existing = useQuery({ ...territoryQuery(territoryId ?? ''), enabled: admin && !!territoryId });
  const all = useQuery({ ...territoriesQuery(), enabled: admin });
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveTerritory();

  const title = territoryId ? t('territories.editTitle') : t('territories.create');
  if (!admin) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (territoryId && existing.isPending) return <PageLoading />;
  if (territoryId && existing.error) return <PageError error={existing.error} />;

  // A territory may not move under itself or one below it (the API answers 422 too).
  const excluded = existing.data ? selfAndBelow(all.data ?? [], existing.data.id) : new Set<string>();
  const parents = flatten(buildTree(all.data ?? [])).filter(({ territory }) => !excluded.has(territory.id));
  const { values, field, errors } = form;
  return (
    <NarrowPage title={title}>
      <p className="breadcrumbs">
        <Link to="/admin/territories">{t('territories.adminTitle')}</Link>
      </p>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const body = { name: v.name, kind: v.kind, code: v.code.trim() || null, parent_id: v.parent_id || null };
          await save.mutateAsync({ territory: existing.data, body });
          navigate('/admin/territories');
        })}
      >
        <Field label={t('territories.fields.name')} hint={t('territories.fields.nameHint')} errors={errors.name} required requiredText={t('common.required')}>
          <input type="text" value={values.name} onChange={field('name')} />
        </Field>
        <Field label={t('territories.fields.kind')} errors={errors.kind} required requiredText={t('common.required')}>
          <ChoiceSelect choices={KINDS} labels="territoryKind" value={values.kind} onChange={(kind) => form.update({ kind })} />
        </Field>
        <Field label={t('territories.fields.code')} hint={t('territories.fields.codeHint')} errors={errors.code}>
          <input type="text" inputMode="numeric" value={values.code} onChange={field('code')} />
        </Field>
        <Field label={t('territories.fields.parent')} hint={t('territories.fields.parentHint')} errors={errors.parent_id}>
          <select value={values.parent_id} onChange={field('parent_id')}>
            <option value="">{t('territories.noParent')}</option>
            {parents.map(({ territory, depth }) => (
              <option key={territory.id} value={territory.id}>
                {/* Options cannot hold markup: the depth is shown by indenting with no-break spaces. */}
                {'\u00a0\u00a0'.repeat(depth)}
                {territory.name} ({t(`territoryKind.${territory.kind}`)})
              </option>
            ))}
          </select>
        </Field>
        <FormActions busy={form.busy} back="/admin/territories" />
      </form>
      {existing.data && (
        <>
          <CoordinatorsManager territory={existing.data} />
          <DeleteTerritory territory={existing.data} />
        </>
      )}
    </NarrowPage>
  );
}

/** Deleting asks first; a territory still in use is refused by the API and the reason is shown. */
function DeleteTerritory({ territory }: { territory: Territory }) {
  const t = useT();
  const remove = useDeleteTerritory();
  return (
    <DeleteSection
      label={t('territories.delete')}
      question={t('territories.deleteTitle')}
      explain={t('territories.deleteExplain', { name: territory.name })}
      inUse={t('territories.inUse', { name: territory.name })}
      name={territory.name}
      after="/admin/territories"
      remove={() => remove.mutateAsync(territory)}
    />
  );
}
