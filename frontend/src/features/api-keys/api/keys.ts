import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';

export type ApiKey = Schemas['ApiKey'];
export type Scope = Schemas['Scope'];

export const keyKeys = { all: ['api-keys'] as const };

/** The caller's key list, after a key is created or revoked. */
const invalidateKeys = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: keyKeys.all });

export const keysQuery = () =>
  queryOptions({
    queryKey: keyKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/api-keys', { params: { query } }))),
  });

/** Creates a key; the answer holds its secret, shown this once. */
export const useCreateKey = () =>
  useWrite(
    (body: Schemas['ApiKeyCreate']) => unwrap(api.POST('/api/v1/api-keys', { body })),
    invalidateKeys,
  );

export const useRevokeKey = () =>
  useWrite(
    async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } });
      if (!response.ok) throw toApiError(error, response);
    },
    invalidateKeys,
  );
