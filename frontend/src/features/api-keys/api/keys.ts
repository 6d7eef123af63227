import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { toApiError, unwrap } from '../../../lib/api/problem';

export type ApiKey = Schemas['ApiKey'];
export type Scope = Schemas['Scope'];

export const keyKeys = { all: ['api-keys'] as const };

export const keysQuery = () =>
  queryOptions({
    queryKey: keyKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/api-keys', { params: { query } }))),
  });

/** Creates a key; the answer holds its secret, shown this once. */
export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ApiKeyCreate']) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.all }),
  });
}

export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } });
      if (!response.ok) throw toApiError(error, response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.all }),
  });
}
