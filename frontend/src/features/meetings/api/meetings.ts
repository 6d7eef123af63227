import { queryOptions } from '@tanstack/react-query';
import { api, ifMatch, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

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
};

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });

export function createMeeting(groupId: string, body: Schemas['MeetingCreate']) {
  return unwrap(api.POST('/api/v1/working-groups/{id}/meetings', { params: { path: { id: groupId } }, body }));
}

export function updateMeeting(id: string, version: number, body: Schemas['MeetingPatch']) {
  return unwrap(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));
}
