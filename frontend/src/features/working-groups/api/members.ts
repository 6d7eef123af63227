//! Changes to a group's members. Each refreshes the group's pages, and when the signed-in person
//! changed their own membership, also what they lead (`invalidateMyMemberships`).
import { useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { unwrap } from '../../../lib/api/problem';
import { useSession } from '../../../lib/auth/useSession';
import { groupKeys, type KnownMember } from './groups';
import { invalidateMyMemberships } from './memberships';

/**
 * What every member change does on success, and a 412 before the choice is made again: the groups'
 * data, and one's own memberships when `userId` is the signed-in person.
 */
export function useRefreshMembers() {
  const queryClient = useQueryClient();
  const { user } = useSession();
  return (userId: string) =>
    Promise.all([queryClient.invalidateQueries({ queryKey: groupKeys.all }), userId === user?.id && invalidateMyMemberships(queryClient)]);
}

export function useAddMember(groupId: string) {
  const refresh = useRefreshMembers();
  return useWrite(
    (body: Schemas['MemberCreate']) => unwrap(api.POST('/api/v1/working-groups/{id}/members', { params: { path: { id: groupId } }, body })),
    (_, _added, body) => refresh(body.user_id),
  );
}

export function useUpdateMember(groupId: string) {
  const refresh = useRefreshMembers();
  return useWrite(
    ({ member, body }: { member: KnownMember; body: Schemas['MemberPatch'] }) =>
      unwrap(
        api.PATCH('/api/v1/working-groups/{id}/members/{user_id}', {
          params: { path: { id: groupId, user_id: member.user_id }, header: ifMatch(member.version) },
          body,
        }),
      ),
    (_, _saved, { member }) => refresh(member.user_id),
  );
}

export function useRemoveMember(groupId: string) {
  const refresh = useRefreshMembers();
  return useWrite(
    (member: KnownMember) =>
      unwrap(
        api.DELETE('/api/v1/working-groups/{id}/members/{user_id}', {
          params: { path: { id: groupId, user_id: member.user_id }, header: ifMatch(member.version) },
        }),
      ),
    (_, _removed, member) => refresh(member.user_id),
  );
}

