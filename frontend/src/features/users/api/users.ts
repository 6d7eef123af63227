import { queryOptions } from '@tanstack/react-query';
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

export function createUser(body: Schemas['UserCreate']) {
  return unwrap(api.POST('/api/v1/users', { body }));
}

export function updateUser(id: string, version: number, body: Schemas['UserPatch']) {
  return unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));
}
