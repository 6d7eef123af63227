//! The iCalendar feeds of meetings: all of them, or one working group's.

/** iCalendar feeds to subscribe to (all meetings, or one group's). */
export const calendarUrl = (groupId?: string) =>
  groupId ? `/api/v1/working-groups/${groupId}/meetings.ics` : '/api/v1/meetings.ics';

/**
 * A feed's addresses: `href` for the download, `absolute` to paste into a calendar app (Outlook,
 * Google), `webcal` which phones and desktop calendars open as a subscription.
 */
export function calendarFeed(groupId: string | undefined, origin: string) {
  const href = calendarUrl(groupId);
  const absolute = new URL(href, origin).href;
  return { href, absolute, webcal: absolute.replace(/^https?:/, 'webcal:') };
}
