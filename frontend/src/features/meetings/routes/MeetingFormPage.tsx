//! Schedule a meeting for a group, or edit when and where it takes place.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field, Fieldset } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { addHours, fromLocalInput, toLocalInput } from '../../../lib/datetime';
import { useSubmit } from '../../../lib/useSubmit';
import { groupKeys, groupQuery } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import {
  createMeeting,
  formatNeeds,
  MEETING_FORMATS,
  meetingKeys,
  meetingQuery,
  updateMeeting,
  type Meeting,
  type MeetingFormat,
} from '../api/meetings';

const FIELDS = ['title', 'starts_at', 'ends_at', 'format', 'location', 'online_url'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toValues = (m?: Meeting): Values => ({
  title: m?.title ?? '',
  starts_at: toLocalInput(m?.starts_at),
  ends_at: toLocalInput(m?.ends_at),
  format: m?.format ?? 'in_person',
  location: m?.location ?? '',
  online_url: m?.online_url ?? '',
});

export function MeetingFormPage() {
  const { groupId: routeGroupId, meetingId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({ ...meetingQuery(meetingId ?? ''), enabled: !!meetingId });
  const groupId = routeGroupId ?? existing.data?.working_group_id ?? '';
  const group = useQuery({ ...groupQuery(groupId), enabled: !!groupId });
  const leadership = useLeadership([groupId]);
  const [values, setValues] = useState<Values>(toValues());
  const submit = useSubmit();

  useEffect(() => {
    if (existing.data) setValues(toValues(existing.data));
  }, [existing.data]);

  if (meetingId && existing.isPending) return <PageLoading />;
  if (meetingId && existing.error) return <PageError error={existing.error} />;
  const title = meetingId ? t('meeting.editTitle') : t('meeting.schedule');
  if (!leadership.ready) return <PageLoading />;
  if (!leadership.staff && !leadership.leads(groupId)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <NotAllowed />
      </div>
    );
  }

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const needs = formatNeeds(values.format as MeetingFormat);
  const back = meetingId ? `/meetings/${meetingId}` : `/working-groups/${groupId}`;

  return (
    <div className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {group.data && <p className="meta">{t('meeting.ofGroup', { name: group.data.name })}</p>}
      {submit.conflict && (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            const fresh = await existing.refetch();
            if (fresh.data) setValues(toValues(fresh.data));
          }}
        />
      )}
      {!submit.conflict && <FormErrors error={submit.error} fields={FIELDS} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const body = {
              title: values.title,
              starts_at: fromLocalInput(values.starts_at),
              ends_at: fromLocalInput(values.ends_at),
              format: values.format as MeetingFormat,
              // A place the format does not use is cleared rather than kept out of sight.
              location: needs.location ? values.location.trim() || null : null,
              online_url: needs.onlineUrl ? values.online_url.trim() || null : null,
            };
            const saved =
              meetingId && existing.data
                ? await updateMeeting(meetingId, existing.data.version, body)
                : await createMeeting(groupId, body);
            await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
            await queryClient.invalidateQueries({ queryKey: groupKeys.meetings(groupId) });
            navigate(`/meetings/${saved.id}`);
          });
        }}
      >
        <Field label={t('meeting.fields.title')} hint={t('meeting.fields.titleHint')} errors={submit.errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={set('title')} />
        </Field>
        <div className="field-row">
          <Field label={t('meeting.fields.startsAt')} hint={t('meeting.fields.timeHint')} errors={submit.errors.starts_at} required requiredText={t('common.required')}>
            <input
              type="datetime-local"
              value={values.starts_at}
              onChange={(e) => {
                const starts = e.target.value;
                // Until an end is chosen, suggest two hours after the start.
                setValues((v) => ({ ...v, starts_at: starts, ends_at: v.ends_at || addHours(starts, 2) }));
              }}
            />
          </Field>
          <Field label={t('meeting.fields.endsAt')} hint={t('meeting.fields.timeHint')} errors={submit.errors.ends_at} required requiredText={t('common.required')}>
            <input type="datetime-local" value={values.ends_at} onChange={set('ends_at')} />
          </Field>
        </div>
        <Fieldset legend={t('meeting.format')} errors={submit.errors.format}>
          {MEETING_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name="format" value={f} checked={values.format === f} onChange={set('format')} />{' '}
              {t(`meetingFormat.${f}`)}
            </label>
          ))}
        </Fieldset>
        {needs.location && (
          <Field label={t('meeting.location')} hint={t('meeting.fields.locationHint')} errors={submit.errors.location} required requiredText={t('common.required')}>
            <input type="text" value={values.location} onChange={set('location')} />
          </Field>
        )}
        {needs.onlineUrl && (
          <Field label={t('meeting.fields.onlineUrl')} hint={t('meeting.fields.onlineUrlHint')} errors={submit.errors.online_url} required requiredText={t('common.required')}>
            <input type="url" inputMode="url" value={values.online_url} onChange={set('online_url')} />
          </Field>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link className="btn btn-secondary" to={back}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
