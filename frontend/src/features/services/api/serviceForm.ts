//! The service form's values and the body they become: texts as typed (blank is none), capacities
//! as rows, dates as `YYYY-MM-DD`.
import type { Schemas } from '../../../lib/api/client';
import { rowKey, type Row } from '../../../lib/rows';
import type { Service, ServiceForm } from './services';

export type CapacityUnit = Schemas['CapacityUnit'];
export const CAPACITY_UNITS: CapacityUnit[] = ['clients', 'beds', 'contacts', 'interventions', 'calls'];

export interface CapacityRow extends Row {
  form: ServiceForm;
  count: string;
  unit: CapacityUnit;
}

export interface ServiceValues {
  organization_id: string[];
  name: string;
  kind_code: string;
  registration_id: string;
  forms: ServiceForm[];
  target_group_codes: string[];
  capacities: CapacityRow[];
  territory_ids: string[];
  address: string;
  municipality_code: string;
  web: string;
  email: string;
  phone: string;
  description: string;
  valid_from: string;
  valid_to: string;
}

/** The form for `service`, or a blank one (run by `organizationId` when the form was opened from its page). */
export const serviceValues = (service: Service | undefined, organizationId = ''): ServiceValues => ({
  organization_id: service ? [service.organization_id] : organizationId ? [organizationId] : [],
  name: service?.name ?? '',
  kind_code: service?.kind_code ?? '',
  registration_id: service?.registration_id ?? '',
  forms: service?.forms ?? [],
  target_group_codes: service?.target_group_codes ?? [],
  capacities: (service?.capacities ?? []).map((c) => ({ key: rowKey(), form: c.form, count: String(c.count), unit: c.unit })),
  territory_ids: service?.territory_ids ?? [],
  address: service?.address ?? '',
  municipality_code: service?.municipality_code ?? '',
  web: service?.web ?? '',
  email: service?.email ?? '',
  phone: service?.phone ?? '',
  description: service?.description ?? '',
  valid_from: service?.valid_from ?? '',
  valid_to: service?.valid_to ?? '',
});

const text = (value: string) => value.trim() || null;

/** The body of a create or a patch (a patch carrying every field the form shows replaces them all). */
export function serviceBody(v: ServiceValues): Schemas['ServiceCreate'] {
  return {
    organization_id: v.organization_id[0] ?? '',
    name: v.name,
    kind_code: v.kind_code || null,
    registration_id: text(v.registration_id),
    forms: v.forms,
    target_group_codes: v.target_group_codes,
    // The count's input takes whole numbers only and is required.
    capacities: v.capacities.map((c) => ({ form: c.form, unit: c.unit, count: Number(c.count) })),
    territory_ids: v.territory_ids,
    address: text(v.address),
    municipality_code: text(v.municipality_code),
    web: text(v.web),
    email: text(v.email),
    phone: text(v.phone),
    description: v.description,
    valid_from: v.valid_from || null,
    valid_to: v.valid_to || null,
  };
}
