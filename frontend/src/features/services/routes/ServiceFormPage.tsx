//! Coordinators and admins add a service or related activity, or edit one (its provider, kind,
//! forms, target groups, capacities, territories, contacts and validity), and delete it. A
//! coordinator narrowed to territories manages the services serving only places within their reach.
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { CheckboxField, Field, Fieldset } from '../../../components/Field';
import { DeleteSection } from '../../../components/DeleteSection';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading, SignInPrompt } from '../../../components/QueryState';
import { TargetGroupSelect } from '../../../components/TargetGroupSelect';
import { useT } from '../../../i18n';
import { isStaff, useSession } from '../../../lib/auth/useSession';
import { useForm } from '../../../lib/useForm';
import { TerritoryPicker } from '../../territories/components/TerritoryPicker';
import { useDeleteService, useSaveService } from '../api/manage';
import { serviceBody, serviceValues } from '../api/serviceForm';
import { SERVICE_FORMS, serviceQuery, type Service } from '../api/services';
import { CapacitiesEditor } from '../components/CapacitiesEditor';
import { ContactFields } from '../components/ContactFields';
import { OrganizationPicker } from '../components/Pickers';
import { ServiceKindSelect } from '../components/ServiceKindSelect';

const FIELDS = [
  'organization_id',
  'name',
  'kind_code',
  'registration_id',
  'forms',
  'capacities',
  'target_group_codes',
  'territory_ids',
  'address',
  'municipality_code',
  'web',
  'email',
  'phone',
  'description',
  'valid_from',
  'valid_to',
] as const;

export function ServiceFormPage() {
  const { serviceId } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const staff = isStaff(user);
  const existing = useQuery({ ...serviceQuery(serviceId ?? ''), enabled: staff && !!serviceId });
  const organizationId = params.get('organization') ?? '';
  const form = useForm({
    entity: existing.data,
    toValues: (s: Service | undefined) => serviceValues(s, organizationId),
    fields: FIELDS,
    refetch: existing.refetch,
  });
  const save = useSaveService();

  const title = serviceId ? t('services.edit.editTitle') : t('services.edit.createTitle');
  if (!staff) return <NarrowPage title={title}>{user ? <NotAllowed /> : <SignInPrompt />}</NarrowPage>;
  if (serviceId && existing.isPending) return <PageLoading />;
  if (serviceId && existing.error) return <PageError error={existing.error} />;

  const { values, field, errors, update } = form;
  const back = existing.data ? `/services/${existing.data.id}` : '/services';
  const required = { required: true, requiredText: t('common.required') };
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
          const saved = await save.mutateAsync({ service: existing.data, body: serviceBody(v) });
          navigate(`/services/${saved.id}`);
        })}
      >
        <Field label={t('services.edit.name')} hint={t('services.edit.nameHint')} errors={errors.name} {...required}>
          <input type="text" value={values.name} onChange={field('name')} />
        </Field>
        <Field label={t('services.providerLabel')} hint={t('services.edit.providerHint')} errors={errors.organization_id} {...required}>
          <OrganizationPicker
            single
            label={t('services.providerLabel')}
            value={values.organization_id}
            onChange={(organization_id) => update({ organization_id })}
          />
        </Field>
        <Field label={t('services.kind')} hint={t('services.edit.kindHint')} errors={errors.kind_code}>
          <ServiceKindSelect empty={t('services.edit.noKind')} value={values.kind_code} onChange={(kind_code) => update({ kind_code })} />
        </Field>
        <Fieldset legend={t('services.forms')} errors={errors.forms}>
          {SERVICE_FORMS.map((f) => (
            <CheckboxField
              key={f}
              label={t(`serviceForm.${f}`)}
              checked={values.forms.includes(f)}
              onChange={(on) => update({ forms: on ? SERVICE_FORMS.filter((x) => x === f || values.forms.includes(x)) : values.forms.filter((x) => x !== f) })}
            />
          ))}
        </Fieldset>
        <Field label={t('services.targetGroups')} errors={errors.target_group_codes}>
          <TargetGroupSelect
            label={t('services.targetGroups')}
            value={values.target_group_codes}
            onChange={(target_group_codes) => update({ target_group_codes })}
          />
        </Field>
        <h2 className="h3">{t('services.capacity')}</h2>
        <CapacitiesEditor rows={values.capacities} onChange={(capacities) => update({ capacities })} forms={values.forms} errors={errors} />
        <Field label={t('services.serves')} hint={t('services.edit.servesHint')} errors={errors.territory_ids}>
          <TerritoryPicker label={t('services.serves')} value={values.territory_ids} onChange={(territory_ids) => update({ territory_ids })} />
        </Field>
        <Field label={t('services.edit.municipalityCode')} hint={t('services.edit.municipalityCodeHint')} errors={errors.municipality_code}>
          <input type="text" inputMode="numeric" value={values.municipality_code} onChange={field('municipality_code')} />
        </Field>
        <ContactFields values={values} errors={errors} field={field} />
        <Field label={t('services.edit.description')} errors={errors.description}>
          <textarea rows={5} value={values.description} onChange={field('description')} />
        </Field>
        <div className="field-row">
          <Field label={t('services.edit.validFrom')} errors={errors.valid_from}>
            <input type="date" value={values.valid_from} onChange={field('valid_from')} />
          </Field>
          <Field label={t('services.edit.validTo')} hint={t('services.edit.validToHint')} errors={errors.valid_to}>
            <input type="date" value={values.valid_to} onChange={field('valid_to')} />
          </Field>
        </div>
        <Field label={t('services.registrationId')} hint={t('services.edit.registrationHint')} errors={errors.registration_id}>
          <input type="text" value={values.registration_id} onChange={field('registration_id')} />
        </Field>
        <FormActions busy={form.busy} back={back} />
      </form>
      {existing.data && <DeleteService service={existing.data} />}
    </NarrowPage>
  );
}

/** Deleting asks first; a service measures name is refused by the API and the reason is shown. */
function DeleteService({ service }: { service: Service }) {
  const t = useT();
  const remove = useDeleteService();
  return (
    <DeleteSection
      label={t('services.edit.delete')}
      question={t('services.edit.deleteTitle')}
      explain={t('services.edit.deleteExplain', { name: service.name })}
      inUse={t('services.edit.inUse', { name: service.name })}
      name={service.name}
      after="/services"
      remove={() => remove.mutateAsync(service)}
    />
  );
}
