import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { fetchAll } from '../../../lib/api/pages';
import { unwrap } from '../../../lib/api/problem';
import { invalidateGroupMeetings } from '../../working-groups/api/groups';

export type Meeting = Schemas['Meeting'];
export type MeetingFormat = Schemas['MeetingFormat'];
export type MeetingStatus = Schemas['MeetingStatus'];
export const MEETING_FORMATS: MeetingFormat[] = ['in_person', 'online', 'hybrid'];
export const MEETING_STATUSES: MeetingStatus[] = ['scheduled', 'held', 'cancelled'];

/** Which place fields a format needs: in-person and hybrid a location, online and hybrid a link. */
export function formatNeeds(format: MeetingFormat): { location: boolean; onlineUrl: boolean } {
  return { location: format !== 'online', onlineUrl: format !== 'in_person' };
}

export const meetingKeys = {
  all: ['meetings'] as const,
  detail: (id: string) => [...meetingKeys.all, 'detail', id] as const,
  upcomingOfTerritory: (territoryId: string) => [...meetingKeys.all, 'upcoming', 'territory', territoryId] as const,
};

/** The scheduled meetings from now on of the groups of a territory and of every territory below it. */
export const territoryUpcomingMeetingsQuery = (territoryId: string) =>
  queryOptions({
    queryKey: meetingKeys.upcomingOfTerritory(territoryId),
    queryFn: () =>
      fetchAll((query) =>
        unwrap(
          api.GET('/api/v1/meetings', {
            params: { query: { ...query, territory_id: territoryId, status: 'scheduled', from: new Date().toISOString() } },
          }),
        ),
      ),
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });

/**
 * Schedules a meeting of group `groupId`, or saves `meeting` when given (its time and place, or its
 * record); the group's list of meetings shows the change too.
 */
export const useSaveMeeting = () =>
  useWrite(
    (vars: { meeting: Meeting; body: Schemas['MeetingPatch'] } | { meeting?: undefined; groupId: string; body: Schemas['MeetingCreate'] }) =>
      vars.meeting
        ? unwrap(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id: vars.meeting.id }, header: ifMatch(vars.meeting.version) }, body: vars.body }))
        : unwrap(api.POST('/api/v1/working-groups/{id}/meetings', { params: { path: { id: vars.groupId } }, body: vars.body })),
    (queryClient, saved) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: meetingKeys.all }), invalidateGroupMeetings(queryClient, saved.working_group_id)]),
  );
