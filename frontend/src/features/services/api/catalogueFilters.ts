//! The catalogue's filters as they stand in its address (`/services?kind=…&group=…`), so a search
//! can be bookmarked and shared. Unknown or empty parameters are left out, a bad form is ignored.
import type { Schemas } from '../../../lib/api/client';

type ServiceForm = Schemas['ServiceForm'];
const FORMS: readonly string[] = ['residential', 'outpatient', 'field'] satisfies ServiceForm[];

export interface CatalogueFilters {
  /** A kind's code (`/service-kinds`). */
  kind: string;
  /** A target group's code (`/target-groups`). */
  group: string;
  form: ServiceForm | '';
  /** A territory's id: services serving it or a territory below it. */
  territory: string;
  /** Part of the service's name. */
  q: string;
}

const KEYS = ['kind', 'group', 'form', 'territory', 'q'] as const satisfies readonly (keyof CatalogueFilters)[];

export const NO_FILTERS: CatalogueFilters = { kind: '', group: '', form: '', territory: '', q: '' };

export function readFilters(params: URLSearchParams): CatalogueFilters {
  const get = (key: keyof CatalogueFilters) => params.get(key)?.trim() ?? '';
  const form = get('form');
  return {
    kind: get('kind'),
    group: get('group'),
    form: FORMS.includes(form) ? (form as ServiceForm) : '',
    territory: get('territory'),
    q: get('q'),
  };
}

/** The address query of `filters`, in a fixed order and without the empty ones. */
export function filtersToParams(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

export const hasFilters = (filters: CatalogueFilters) => KEYS.some((key) => filters[key] !== '');
