import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type ApiKey = Schemas['ApiKey'];
export type Scope = Schemas['Scope'];

export const keyKeys = { all: ['api-keys'] as const };

export const keysQuery = () =>
  queryOptions({
    queryKey: keyKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/api-keys', { params: { query } }))),
  });

export function createKey(body: Schemas['ApiKeyCreate']) {
  return unwrap(api.POST('/api/v1/api-keys', { body }));
}

export async function revokeKey(id: string) {
  const { error, response } = await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } });
  if (!response.ok) throw (await import('../../../lib/api/problem')).toApiError(error, response);
}
