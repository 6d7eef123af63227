import { describe, expect, it } from 'vitest';
import { serviceBody, serviceValues } from './serviceForm';
import type { Service } from './services';

const service = {
  id: 's1', organization_id: 'o1', organization_name: 'Charita', name: 'Pečovatelská služba', kind_code: 'pecovatelska_sluzba',
  registration_id: '1234567', forms: ['field'], target_group_codes: ['seniori'], capacities: [{ form: 'field', count: 40, unit: 'clients' }],
  territory_ids: ['t1'], address: 'Náměstí 1', municipality_code: '545881', web: null, email: null, phone: '380 000 000',
  description: '', valid_from: '2020-01-01', valid_to: null, created_at: '', updated_at: '', version: 3,
} as Service;

describe('the service form', () => {
  it('gives back the service it was opened with', () => {
    const { organization_id, ...body } = serviceBody(serviceValues(service));
    expect(organization_id).toBe('o1');
    expect(body).toEqual({
      name: 'Pečovatelská služba', kind_code: 'pecovatelska_sluzba', registration_id: '1234567', forms: ['field'],
      target_group_codes: ['seniori'], capacities: [{ form: 'field', count: 40, unit: 'clients' }], territory_ids: ['t1'],
      address: 'Náměstí 1', municipality_code: '545881', web: null, email: null, phone: '380 000 000', description: '',
      valid_from: '2020-01-01', valid_to: null,
    });
  });

  it('sends blank texts as none, no kind for a related activity, and starts with the organization it came from', () => {
    const values = { ...serviceValues(undefined, 'o2'), name: 'Dobrovolnické centrum', address: '   ', web: ' www.dc.cz ' };
    const body = serviceBody(values);
    expect([body.organization_id, body.kind_code, body.address, body.web, body.valid_from]).toEqual(['o2', null, null, 'www.dc.cz', null]);
  });
});
