//! Coordinators and admins add an organization (a provider, a municipality, a church charity, …)
//! or edit one, and delete one that runs no services and no measure names.
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
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { useDeleteOrganization, useSaveOrganization } from '../api/manage';
import { ContactFields } from '../components/ContactFields';
import { ORGANIZATION_KINDS, organizationQuery, type Organization, type OrganizationKind } from '../api/services';

const FIELDS = ['name', 'ico', 'kind', 'address', 'web', 'email', 'phone', 'description'] as const;
type Values = Record<Exclude<(typeof FIELDS)[number], 'kind'>, string> & { kind: OrganizationKind };

const toValues = (o?: Organization): Values => ({
  name: o?.name ?? '',
  ico: o?.ico ?? '',
  kind: o?.kind ?? 'provider',
  address: o?.address ?? '',
  web: o?.web ?? '',
  email: o?.email ?? '',
  phone: o?.phone ?? '',
  description: o?.description ?? '',
});

const text = (value: string) => value.trim() || null;

export function OrganizationFormPage() {
  const { organizationId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const staff = isStaff(user);
  const existing = useQuery({ ...organizationQuery(organizationId ?? ''), enabled: staff && !!organizationId });
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveOrganization();

  const title = organizationId ? t('organizations.edit.editTitle') : t('organizations.edit.createTitle');
  if (!staff) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (organizationId && existing.isPending) return <PageLoading />;
  if (organizationId && existing.error) return <PageError error={existing.error} />;

  const { values, field, errors } = form;
  const back = existing.data ? `/organizations/${existing.data.id}` : '/services';
  return (
    <NarrowPage title={title}>
      <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
        <Link to="/services">{t('nav.services')}</Link>
        {existing.data && (
          <>
            {' › '}
            <Link to={back}>{existing.data.name}</Link>
          </>
        )}
      </nav>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const body = {
            name: v.name,
            ico: text(v.ico),
            kind: v.kind,
            address: text(v.address),
            web: text(v.web),
            email: text(v.email),
            phone: text(v.phone),
            description: v.description,
          };
          const saved = await save.mutateAsync({ organization: existing.data, body });
          navigate(`/organizations/${saved.id}`);
        })}
      >
        <Field label={t('organizations.edit.name')} errors={errors.name} required requiredText={t('common.required')}>
          <input type="text" autoComplete="organization" value={values.name} onChange={field('name')} />
        </Field>
        <Field label={t('organizations.ico')} hint={t('organizations.edit.icoHint')} errors={errors.ico}>
          <input type="text" inputMode="numeric" maxLength={10} value={values.ico} onChange={field('ico')} />
        </Field>
        <Field label={t('organizations.kind')} errors={errors.kind}>
          <ChoiceSelect choices={ORGANIZATION_KINDS} labels="organizationKind" value={values.kind} onChange={(kind) => form.update({ kind })} />
        </Field>
        <ContactFields values={values} errors={errors} field={field} />
        <Field label={t('organizations.edit.description')} errors={errors.description}>
          <textarea rows={5} value={values.description} onChange={field('description')} />
        </Field>
        <FormActions busy={form.busy} back={back} />
      </form>
      {existing.data && <DeleteOrganization organization={existing.data} />}
    </NarrowPage>
  );
}

/** Deleting asks first; one still running services or named by measures is refused, with the reason. */
function DeleteOrganization({ organization }: { organization: Organization }) {
  const t = useT();
  const remove = useDeleteOrganization();
  return (
    <DeleteSection
      label={t('organizations.edit.delete')}
      question={t('organizations.edit.deleteTitle')}
      explain={t('organizations.edit.deleteExplain', { name: organization.name })}
      inUse={t('organizations.edit.inUse', { name: organization.name })}
      name={organization.name}
      after="/services"
      remove={() => remove.mutateAsync(organization)}
    />
  );
}
