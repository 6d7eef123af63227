//! What coordinators and admins write in the network of services: services and organizations,
//! added, edited (with `If-Match`) and deleted (refused with 409 `in_use` while measures name them).
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { toApiError, unwrap } from '../../../lib/api/problem';
import { canManageTerritory, managesEverywhere } from '../../../lib/auth/useSession';
import type { SessionUser } from '../../../lib/auth/session';
import { invalidateServices, type Organization, type Service } from './services';

/**
 * Whether the person may edit `service`: staff whose reach holds every territory it serves (a
 * service serving none is for the whole installation's coordinators). The API decides; this only
 * decides which controls to show.
 */
export function canManageService(user: SessionUser | null | undefined, service: Service): boolean {
  if (service.territory_ids.length === 0) return managesEverywhere(user);
  return service.territory_ids.every((id) => canManageTerritory(user, id));
}

export const useSaveService = () =>
  useWrite(
    ({ service, body }: { service?: Service; body: Schemas['ServiceCreate'] }) =>
      service
        ? unwrap(api.PATCH('/api/v1/services/{id}', { params: { path: { id: service.id }, header: ifMatch(service.version) }, body }))
        : unwrap(api.POST('/api/v1/services', { body })),
    invalidateServices,
  );

export const useDeleteService = () =>
  useWrite(async (service: Service) => {
    const { error, response } = await api.DELETE('/api/v1/services/{id}', {
      params: { path: { id: service.id }, header: ifMatch(service.version) },
    });
    if (!response.ok) throw toApiError(error, response);
  }, invalidateServices);

export const useSaveOrganization = () =>
  useWrite(
    ({ organization, body }: { organization?: Organization; body: Schemas['OrganizationCreate'] }) =>
      organization
        ? unwrap(
            api.PATCH('/api/v1/organizations/{id}', {
              params: { path: { id: organization.id }, header: ifMatch(organization.version) },
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/organizations', { body })),
    invalidateServices,
  );

export const useDeleteOrganization = () =>
  useWrite(async (organization: Organization) => {
    const { error, response } = await api.DELETE('/api/v1/organizations/{id}', {
      params: { path: { id: organization.id }, header: ifMatch(organization.version) },
    });
    if (!response.ok) throw toApiError(error, response);
  }, invalidateServices);
