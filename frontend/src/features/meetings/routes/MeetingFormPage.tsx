//! Schedule a meeting for a group, or edit when and where it takes place.
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Field, Fieldset } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { addHours, fromLocalInput, toLocalInput } from '../../../lib/datetime';
import { useForm } from '../../../lib/useForm';
import { groupQuery } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { formatNeeds, MEETING_FORMATS, meetingQuery, useSaveMeeting, type Meeting, type MeetingFormat } from '../api/meetings';

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
  const existing = useQuery({ ...meetingQuery(meetingId ?? ''), enabled: !!meetingId });
  const groupId = routeGroupId ?? existing.data?.working_group_id ?? '';
  const group = useQuery({ ...groupQuery(groupId), enabled: !!groupId });
  const leadership = useLeadership([groupId]);
  const form = useForm({ entity: existing.data, toValues, fields: FIELDS, refetch: existing.refetch });
  const save = useSaveMeeting();

  if (meetingId && existing.isPending) return <PageLoading />;
  if (meetingId && existing.error) return <PageError error={existing.error} />;
  const title = meetingId ? t('meeting.editTitle') : t('meeting.schedule');
  if (group.error) return <PageError error={group.error} />;
  if (!leadership.ready || !group.data) return <PageLoading />;
  if (!leadership.manages(group.data.territory_id) && !leadership.leads(groupId)) return <NarrowPage title={title}><NotAllowed /></NarrowPage>;

  const { values, field, errors } = form;
  const needs = formatNeeds(values.format as MeetingFormat);
  const back = meetingId ? `/meetings/${meetingId}` : `/working-groups/${groupId}`;

  return (
    <NarrowPage title={title}>
      {group.data && <p className="meta">{t('meeting.ofGroup', { name: group.data.name })}</p>}
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const body = {
            title: v.title,
            starts_at: fromLocalInput(v.starts_at),
            ends_at: fromLocalInput(v.ends_at),
            format: v.format as MeetingFormat,
            // A place the format does not use is cleared rather than kept out of sight.
            location: needs.location ? v.location.trim() || null : null,
            online_url: needs.onlineUrl ? v.online_url.trim() || null : null,
          };
          const saved = existing.data ? await save.mutateAsync({ meeting: existing.data, body }) : await save.mutateAsync({ groupId, body });
          navigate(`/meetings/${saved.id}`);
        })}
      >
        <Field label={t('meeting.fields.title')} hint={t('meeting.fields.titleHint')} errors={errors.title} required requiredText={t('common.required')}>
          <input type="text" value={values.title} onChange={field('title')} />
        </Field>
        <div className="field-row">
          <Field label={t('meeting.fields.startsAt')} hint={t('meeting.fields.timeHint')} errors={errors.starts_at} required requiredText={t('common.required')}>
            <input
              type="datetime-local"
              value={values.starts_at}
              onChange={(e) => {
                const starts = e.target.value;
                // Until an end is chosen, suggest two hours after the start.
                form.setValues((v) => ({ ...v, starts_at: starts, ends_at: v.ends_at || addHours(starts, 2) }));
              }}
            />
          </Field>
          <Field label={t('meeting.fields.endsAt')} hint={t('meeting.fields.timeHint')} errors={errors.ends_at} required requiredText={t('common.required')}>
            <input type="datetime-local" value={values.ends_at} onChange={field('ends_at')} />
          </Field>
        </div>
        <Fieldset legend={t('meeting.format')} errors={errors.format}>
          {MEETING_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name="format" value={f} checked={values.format === f} onChange={field('format')} />{' '}
              {t(`meetingFormat.${f}`)}
            </label>
          ))}
        </Fieldset>
        {needs.location && (
          <Field label={t('meeting.location')} hint={t('meeting.fields.locationHint')} errors={errors.location} required requiredText={t('common.required')}>
            <input type="text" value={values.location} onChange={field('location')} />
          </Field>
        )}
        {needs.onlineUrl && (
          <Field label={t('meeting.fields.onlineUrl')} hint={t('meeting.fields.onlineUrlHint')} errors={errors.online_url} required requiredText={t('common.required')}>
            <input type="url" inputMode="url" value={values.online_url} onChange={field('online_url')} />
          </Field>
        )}
        <FormActions busy={form.busy} back={back} />
      </form>
    </NarrowPage>
  );
}
