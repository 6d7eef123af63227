import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export const ROLES: Role[] = ['member', 'coordinator', 'admin'];

export const userKeys = { all: ['users'] as const };

export const usersQuery = () =>
  queryOptions({
    queryKey: userKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/users', { params: { query } }))),
  });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UserCreate']) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, body }: { user: User; body: Schemas['UserPatch'] }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
