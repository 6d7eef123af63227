//! The record of a meeting: status, ordered agenda, attendance, resolutions with votes, minutes.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { FormNotices } from '../../../components/FormNotices';
import { NarrowPage } from '../../../components/NarrowPage';
import { PageTitle } from '../../../components/PageTitle';
import { Loading, NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { RowsEditor } from '../../../components/RowsEditor';
import { useI18n } from '../../../i18n';
import { rowKey } from '../../../lib/rows';
import { useForm } from '../../../lib/useForm';
import { groupQuery, knownMembers, membersQuery, STAKEHOLDERS, type KnownMember, type Stakeholder } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { MEETING_STATUSES, meetingQuery, useSaveMeeting, type Meeting, type MeetingStatus } from '../api/meetings';

const FIELDS = ['status', 'agenda', 'attendance', 'resolutions', 'minutes'] as const;

type Presence = 'absent' | 'present' | 'excused';
interface AgendaRow { key: number; title: string; note: string }
interface GuestRow { key: number; name: string; stakeholder: Stakeholder }
interface ResolutionRow { key: number; text: string; votes_for: string; votes_against: string; votes_abstained: string }
interface Values {
  status: MeetingStatus;
  agenda: AgendaRow[];
  presence: Record<string, Presence>;
  guests: GuestRow[];
  resolutions: ResolutionRow[];
  minutes: string;
}

function toValues(m?: Meeting): Values {
  const presence: Record<string, Presence> = {};
  for (const id of m?.attendance.present ?? []) presence[id] = 'present';
  for (const id of m?.attendance.excused ?? []) presence[id] = 'excused';
  return {
    status: m?.status ?? 'scheduled',
    agenda: (m?.agenda ?? []).map((a) => ({ key: rowKey(), title: a.title, note: a.note ?? '' })),
    presence,
    guests: (m?.attendance.guests ?? []).map((g) => ({ key: rowKey(), name: g.name, stakeholder: g.stakeholder })),
    resolutions: (m?.resolutions ?? []).map((r) => ({
      key: rowKey(),
      text: r.text,
      votes_for: String(r.votes_for),
      votes_against: String(r.votes_against),
      votes_abstained: String(r.votes_abstained),
    })),
    minutes: m?.minutes ?? '',
  };
}

const count = (s: string) => (s.trim() === '' ? 0 : Number(s));

export function MeetingRecordPage() {
  const { meetingId = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const meeting = useQuery(meetingQuery(meetingId));
  const groupId = meeting.data?.working_group_id ?? '';
  const members = useQuery({ ...membersQuery(groupId), enabled: !!groupId });
  const group = useQuery({ ...groupQuery(groupId), enabled: !!groupId });
  const leadership = useLeadership([groupId]);
  const form = useForm({ entity: meeting.data, toValues, fields: FIELDS, refetch: meeting.refetch });
  const save = useSaveMeeting();
  // The moment the page opened: a meeting that starts while the form is open is held only after a reload.
  const [openedAt] = useState(() => Date.now());

  if (meeting.isPending) return <PageLoading />;
  if (meeting.error) return <PageError error={meeting.error} />;
  const title = t('meeting.recordTitle');
  if (group.error) return <PageError error={group.error} />;
  if (!leadership.ready || !group.data) return <PageLoading />;
  const m = meeting.data;
  if (!leadership.manages(group.data.territory_id) && !leadership.leads(groupId)) return <NarrowPage title={title}><NotAllowed /></NarrowPage>;

  const { values, update, errors } = form;
  // Errors about a whole list (not one of its rows), shown at the list's section and linked to it.
  const agendaError = values.agenda.length ? undefined : errors.agenda;
  const attendanceError = errors.attendance;
  const memberList: KnownMember[] = knownMembers(members.data ?? []);
  // People recorded earlier who have since left the group stay in the record.
  const former = Object.keys(values.presence).filter((id) => !memberList.some((mm) => mm.user_id === id));
  const remove = t('meeting.record.remove');

  const started = new Date(m.starts_at).getTime() <= openedAt;
  return (
    <div className="narrow">
      <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
        <Link to={`/working-groups/${m.working_group_id}`}>{m.working_group_name}</Link> ›{' '}
        <Link to={`/meetings/${m.id}`}>{m.title}</Link>
      </nav>
      <PageTitle title={`${title}: ${m.title}`}>{title}</PageTitle>
      <p className="meta">
        {m.title} · <time dateTime={m.starts_at}>{formatDateTime(m.starts_at)}</time>
      </p>
      <FormNotices form={form} />
      <form
        onSubmit={form.onSubmit(async (v) => {
          const ids = (p: Presence) => Object.entries(v.presence).filter(([, x]) => x === p).map(([id]) => id);
          await save.mutateAsync({
            meeting: m,
            body: {
              status: v.status,
              agenda: v.agenda.map((a) => ({ title: a.title, note: a.note.trim() || null })),
              attendance: {
                present: ids('present'),
                excused: ids('excused'),
                guests: v.guests.map((g) => ({ name: g.name, stakeholder: g.stakeholder })),
              },
              resolutions: v.resolutions.map((r) => ({
                text: r.text,
                votes_for: count(r.votes_for),
                votes_against: count(r.votes_against),
                votes_abstained: count(r.votes_abstained),
              })),
              minutes: v.minutes,
            },
          });
          navigate(`/meetings/${m.id}`);
        })}
      >
        {/* A meeting that has not begun cannot be held yet; the server refuses it too. */}
        <Field
          label={t('meeting.fields.status')}
          hint={started ? undefined : t('meeting.record.notHeldYet')}
          errors={errors.status}
        >
          <ChoiceSelect
            choices={started ? MEETING_STATUSES : MEETING_STATUSES.filter((s) => s !== 'held' || values.status === 'held')}
            labels="meetingStatus"
            value={values.status}
            onChange={(status) => update({ status })}
          />
        </Field>

        <section aria-labelledby="rec-agenda" aria-describedby={agendaError ? 'rec-agenda-error' : undefined} className="record-section">
          <h2 id="rec-agenda">{t('meeting.agenda')}</h2>
          <RowsEditor
            rows={values.agenda}
            onChange={(agenda) => update({ agenda })}
            legend={(n) => t('meeting.record.agendaItem', { n })}
            empty={t('meeting.record.noAgendaYet')}
            error={errors.agenda}
            errorId="rec-agenda-error"
            add={{ id: 'add-agenda', label: t('meeting.record.addAgenda'), row: () => ({ key: rowKey(), title: '', note: '' }), focus: (a) => `agenda-${a.key}-title` }}
            removeLabel={remove}
            reorder={{ up: t('meeting.record.moveUp'), down: t('meeting.record.moveDown'), id: (a) => `agenda-${a.key}` }}
          >
            {(a, i, setRow) => (
              <>
                <Field label={t('meeting.record.itemTitle')} errors={errors[`agenda[${i}].title`]} required requiredText={t('common.required')}>
                  <input type="text" data-focus={`agenda-${a.key}-title`} value={a.title} onChange={(e) => setRow({ title: e.target.value })} />
                </Field>
                <Field label={t('meeting.record.itemNote')} errors={errors[`agenda[${i}].note`]}>
                  <textarea rows={2} value={a.note} onChange={(e) => setRow({ note: e.target.value })} />
                </Field>
              </>
            )}
          </RowsEditor>
        </section>

        <section
          aria-labelledby="rec-attendance"
          aria-describedby={attendanceError ? 'rec-attendance-error' : undefined}
          className="record-section"
        >
          <h2 id="rec-attendance">{t('meeting.attendance')}</h2>
          {attendanceError && (
            <p className="field-error" id="rec-attendance-error">
              {attendanceError.join(' ')}
            </p>
          )}
          {members.isPending && <Loading />}
          {!members.isPending && memberList.length === 0 && former.length === 0 && <p>{t('groups.noMembers')}</p>}
          <ul className="plain-list attendance-list">
            {[...memberList.map((mm) => ({ id: mm.user_id, name: mm.display_name ?? mm.user_id })), ...former.map((id) => ({ id, name: t('meeting.record.formerMember', { id }) }))].map(
              ({ id, name }) => (
                <li key={id}>
                  <fieldset className="radio-group radio-inline">
                    <legend>{name}</legend>
                    {(['present', 'excused', 'absent'] as Presence[]).map((p) => (
                      <label key={p}>
                        <input
                          type="radio"
                          name={`presence-${id}`}
                          value={p}
                          checked={(values.presence[id] ?? 'absent') === p}
                          onChange={() => update({ presence: { ...values.presence, [id]: p } })}
                        />{' '}
                        {t(`meeting.record.mark.${p}`)}
                      </label>
                    ))}
                  </fieldset>
                </li>
              ),
            )}
          </ul>
          <h3>{t('meeting.record.guests')}</h3>
          <RowsEditor
            rows={values.guests}
            onChange={(guests) => update({ guests })}
            legend={(n) => t('meeting.record.guest', { n })}
            empty={t('meeting.record.noGuests')}
            add={{ id: 'add-guest', label: t('meeting.record.addGuest'), row: (): GuestRow => ({ key: rowKey(), name: '', stakeholder: 'public' }), focus: (g) => `guest-${g.key}-name` }}
            removeLabel={remove}
          >
            {(g, i, setRow) => (
              <div className="field-row">
                <Field label={t('meeting.record.guestName')} errors={errors[`attendance.guests[${i}].name`]} required requiredText={t('common.required')}>
                  <input type="text" data-focus={`guest-${g.key}-name`} value={g.name} onChange={(e) => setRow({ name: e.target.value })} />
                </Field>
                <Field label={t('members.stakeholder')} errors={errors[`attendance.guests[${i}].stakeholder`]}>
                  <ChoiceSelect choices={STAKEHOLDERS} labels="stakeholderOne" value={g.stakeholder} onChange={(stakeholder) => setRow({ stakeholder })} />
                </Field>
              </div>
            )}
          </RowsEditor>
        </section>

        <section aria-labelledby="rec-resolutions" className="record-section">
          <h2 id="rec-resolutions">{t('meeting.resolutions')}</h2>
          <RowsEditor
            rows={values.resolutions}
            onChange={(resolutions) => update({ resolutions })}
            legend={(n) => t('meeting.record.resolution', { n })}
            empty={t('meeting.noResolutions')}
            add={{
              id: 'add-resolution',
              label: t('meeting.record.addResolution'),
              row: () => ({ key: rowKey(), text: '', votes_for: '0', votes_against: '0', votes_abstained: '0' }),
              focus: (r) => `resolution-${r.key}-text`,
            }}
            removeLabel={remove}
          >
            {(r, i, setRow) => (
              <>
                <Field label={t('meeting.record.resolutionText')} errors={errors[`resolutions[${i}].text`]} required requiredText={t('common.required')}>
                  <textarea rows={3} data-focus={`resolution-${r.key}-text`} value={r.text} onChange={(e) => setRow({ text: e.target.value })} />
                </Field>
                <div className="field-row">
                  {(['votes_for', 'votes_against', 'votes_abstained'] as const).map((k) => (
                    <Field key={k} label={t(`meeting.record.${k}`)} errors={errors[`resolutions[${i}].${k}`]}>
                      <input type="number" inputMode="numeric" min={0} value={r[k]} onChange={(e) => setRow({ [k]: e.target.value })} />
                    </Field>
                  ))}
                </div>
              </>
            )}
          </RowsEditor>
        </section>

        <section aria-labelledby="rec-minutes" className="record-section">
          <h2 id="rec-minutes">{t('meeting.minutes')}</h2>
          <Field label={t('meeting.record.minutesText')} hint={t('meeting.record.minutesHint')} errors={errors.minutes}>
            <textarea rows={10} value={values.minutes} onChange={(e) => update({ minutes: e.target.value })} />
          </Field>
        </section>

        <FormActions busy={form.busy} back={`/meetings/${m.id}`} save={t('meeting.record.save')} />
      </form>
    </div>
  );
}
