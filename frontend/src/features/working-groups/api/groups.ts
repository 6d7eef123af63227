import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';

export type WorkingGroup = Schemas['WorkingGroup'];
export type Member = Schemas['Member'];
/** A membership with its account's id, as every signed-in caller gets it (the public gets no id of a service user). */
export type KnownMember = Member & { user_id: string };
export const knownMembers = (members: Member[]): KnownMember[] =>
  members.filter((m): m is KnownMember => m.user_id !== null);
export type Stakeholder = Schemas['Stakeholder'];
export type MemberRole = Schemas['MemberRole'];
export type GroupKind = Schemas['GroupKind'];
export const STAKEHOLDERS: Stakeholder[] = ['user', 'provider', 'commissioner', 'public'];
export const MEMBER_ROLES: MemberRole[] = ['member', 'leader'];
export const GROUP_KINDS: GroupKind[] = ['thematic', 'steering'];

export const groupKeys = {
  all: ['working-groups'] as const,
  list: () => [...groupKeys.all, 'list'] as const,
  detail: (id: string) => [...groupKeys.all, 'detail', id] as const,
  ofTerritory: (territoryId: string) => [...groupKeys.all, 'territory', territoryId] as const,
  members: (id: string) => [...groupKeys.all, 'members', id] as const,
  meetings: (id: string) => [...groupKeys.all, 'meetings', id] as const,
};

export const groupsQuery = () =>
  queryOptions({
    queryKey: groupKeys.list(),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/working-groups', { params: { query } }))),
  });

/** The working groups of a territory and of every territory below it. */
export const territoryGroupsQuery = (territoryId: string) =>
  queryOptions({
    queryKey: groupKeys.ofTerritory(territoryId),
    queryFn: () =>
      fetchAll((query) => unwrap(api.GET('/api/v1/working-groups', { params: { query: { ...query, territory_id: territoryId } } }))),
  });

export const groupQuery = (id: string) =>
  queryOptions({
    queryKey: groupKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/working-groups/{id}', { params: { path: { id } } })),
  });

export const membersQuery = (id: string) =>
  queryOptions({
    queryKey: groupKeys.members(id),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/working-groups/{id}/members', { params: { path: { id }, query } }))),
  });

export const groupMeetingsQuery = (id: string) =>
  queryOptions({
    queryKey: groupKeys.meetings(id),
    queryFn: () => fetchAll((query) => unwrap(api.GET('/api/v1/working-groups/{id}/meetings', { params: { path: { id }, query } }))),
  });

/** Members grouped by stakeholder role, in the KPSS order (users first). */
export function byStakeholder(members: Member[]): { stakeholder: Stakeholder; members: Member[] }[] {
  return STAKEHOLDERS.map((stakeholder) => ({
    stakeholder,
    members: members.filter((m) => m.stakeholder === stakeholder),
  })).filter((g) => g.members.length > 0);
}

/** Meetings split at `now` into upcoming (soonest first) and past (latest first). */
export function splitMeetings<T extends { starts_at: string }>(meetings: T[], now = new Date()) {
  const upcoming = meetings.filter((m) => new Date(m.starts_at) >= now).sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const past = meetings.filter((m) => new Date(m.starts_at) < now).sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  return { upcoming, past };
}

/** After a meeting of group `groupId` is scheduled or changed: the group page's list of meetings. */
export function invalidateGroupMeetings(queryClient: QueryClient, groupId: string) {
  return queryClient.invalidateQueries({ queryKey: groupKeys.meetings(groupId) });
}

/** Creates a working group, or saves `group` when given (a leader sends only the group's texts). */
export const useSaveGroup = () =>
  useWrite(
    (vars: { group: WorkingGroup; body: Schemas['WorkingGroupPatch'] } | { group?: undefined; body: Schemas['WorkingGroupCreate'] }) =>
      vars.group
        ? unwrap(api.PATCH('/api/v1/working-groups/{id}', { params: { path: { id: vars.group.id }, header: ifMatch(vars.group.version) }, body: vars.body }))
        : unwrap(api.POST('/api/v1/working-groups', { body: vars.body })),
    (queryClient) => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  );
