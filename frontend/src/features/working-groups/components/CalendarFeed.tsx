//! A meetings calendar to take home: a webcal:// subscription (phones, desktop calendars), the .ics
//! download, and the feed's address to copy into Outlook or Google Calendar.
import { useId, useRef } from 'react';
import { CopyStatus } from '../../../components/CopyStatus';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { useCopy } from '../../../lib/useCopy';
import { calendarFeed } from '../api/calendar';

/** `groupId`: one working group's meetings; without it, all meetings. `level`: of the heading, to fit the page's outline. */
export function CalendarFeed({ groupId, title, level }: { groupId?: string; title: string; level: 2 | 3 }) {
  const t = useT();
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const feed = calendarFeed(groupId, window.location.origin);
  const input = useRef<HTMLInputElement>(null);
  const copy = useCopy();
  return (
    <section className="calendar-feed" aria-labelledby={headingId}>
      <Heading id={headingId} className="h3">
        {title}
      </Heading>
      <p className="inline-actions">
        <a href={feed.webcal}>{t('calendar.subscribe')}</a>
        <a href={feed.href} download>
          {t('calendar.download')}
        </a>
      </p>
      <Field label={t('calendar.address')} hint={t('calendar.addressHint')}>
        <input ref={input} type="text" readOnly value={feed.absolute} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() =>
          // Without a clipboard, the address is selected for a manual copy.
          void copy.copy(feed.absolute, () => input.current?.select())
        }
      >
        {t('calendar.copy')}
      </button>
      <CopyStatus result={copy.result} copied={t('calendar.copied')} failed={t('calendar.copyFailed')} />
    </section>
  );
}
