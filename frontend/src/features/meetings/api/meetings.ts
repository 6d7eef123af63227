import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

export type Meeting = Schemas['Meeting'];

export const meetingKeys = {
  all: ['meetings'] as const,
  detail: (id: string) => [...meetingKeys.all, 'detail', id] as const,
};

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });

export function updateMeeting(id: string, version: number, body: Schemas['MeetingPatch']) {
  return unwrap(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));
}

/** iCalendar feeds to subscribe to (all meetings, or one group's). */
export const calendarUrl = (groupId?: string) =>
  groupId ? `/api/v1/working-groups/${groupId}/meetings.ics` : '/api/v1/meetings.ics';
