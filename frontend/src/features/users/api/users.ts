import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export const ROLES: Role[] = ['member', 'coordinator', 'admin'];

export const userKeys = { all: ['users'] as const };

/** The user list, after an account is created or changed. */
const invalidateUsers = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: userKeys.all });

export const usersQuery = () =>
  queryOptions({
    queryKey: userKeys.all,
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/users', { params: { query } }))),
  });

export const useCreateUser = () =>
  useWrite(
    (body: Schemas['UserCreate']) => unwrap(api.POST('/api/v1/users', { body })),
    invalidateUsers,
  );

export const useUpdateUser = () =>
  useWrite(
    ({ user, body }: { user: User; body: Schemas['UserPatch'] }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) }, body })),
    invalidateUsers,
  );
