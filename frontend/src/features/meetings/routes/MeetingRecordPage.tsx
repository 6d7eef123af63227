//! The record of a meeting: status, ordered agenda, attendance, resolutions with votes, minutes.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { Loading, NotAllowed, PageError, PageLoading } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { move, rowKey } from '../../../lib/rows';
import { useSubmit } from '../../../lib/useSubmit';
import { groupKeys, knownMembers, membersQuery, STAKEHOLDERS, type KnownMember, type Stakeholder } from '../../working-groups/api/groups';
import { useLeadership } from '../../working-groups/api/leadership';
import { MEETING_STATUSES, meetingKeys, meetingQuery, updateMeeting, type Meeting, type MeetingStatus } from '../api/meetings';

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

function toValues(m: Meeting): Values {
  const presence: Record<string, Presence> = {};
  for (const id of m.attendance.present ?? []) presence[id] = 'present';
  for (const id of m.attendance.excused ?? []) presence[id] = 'excused';
  return {
    status: m.status,
    agenda: m.agenda.map((a) => ({ key: rowKey(), title: a.title, note: a.note ?? '' })),
    presence,
    guests: (m.attendance.guests ?? []).map((g) => ({ key: rowKey(), name: g.name, stakeholder: g.stakeholder })),
    resolutions: m.resolutions.map((r) => ({
      key: rowKey(),
      text: r.text,
      votes_for: String(r.votes_for),
      votes_against: String(r.votes_against),
      votes_abstained: String(r.votes_abstained),
    })),
    minutes: m.minutes,
  };
}

const count = (s: string) => (s.trim() === '' ? 0 : Number(s));

export function MeetingRecordPage() {
  const { meetingId = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meeting = useQuery(meetingQuery(meetingId));
  const groupId = meeting.data?.working_group_id ?? '';
  const members = useQuery({ ...membersQuery(groupId), enabled: !!groupId });
  const leadership = useLeadership([groupId]);
  const [values, setValues] = useState<Values | null>(null);
  const submit = useSubmit();
  const focusAfterMove = useRef<string | null>(null);

  useEffect(() => {
    if (meeting.data) setValues(toValues(meeting.data));
  }, [meeting.data]);
  useEffect(() => {
    // Keep the keyboard where it was after an agenda item moves.
    if (focusAfterMove.current) {
      const id = focusAfterMove.current;
      (document.getElementById(id) ?? document.querySelector<HTMLElement>(`[data-focus="${id}"]`))?.focus();
      focusAfterMove.current = null;
    }
  });

  if (meeting.isPending) return <PageLoading />;
  if (meeting.error) return <PageError error={meeting.error} />;
  const title = t('meeting.recordTitle');
  if (!leadership.ready || !values) return <PageLoading />;
  const m = meeting.data!;
  if (!leadership.staff && !leadership.leads(groupId)) {
    return (
      <div className="narrow">
        <PageTitle title={title}>{title}</PageTitle>
        <NotAllowed />
      </div>
    );
  }

  const update = (patch: Partial<Values>) => setValues((v) => (v ? { ...v, ...patch } : v));
  const errorsAt = (field: string) => submit.errors[field];
  // Errors about a whole list (not one of its rows), shown at the list's section and linked to it.
  const agendaError = values.agenda.length ? undefined : errorsAt('agenda');
  const attendanceError = errorsAt('attendance');
  const memberList: KnownMember[] = knownMembers(members.data ?? []);
  // People recorded earlier who have since left the group stay in the record.
  const former = Object.keys(values.presence).filter((id) => !memberList.some((mm) => mm.user_id === id));

  const moveAgenda = (index: number, delta: -1 | 1) => {
    const row = values.agenda[index];
    if (!row) return;
    update({ agenda: move(values.agenda, index, delta) });
    const target = index + delta;
    const edge = target === 0 ? 'down' : target === values.agenda.length - 1 ? 'up' : delta < 0 ? 'up' : 'down';
    focusAfterMove.current = `agenda-${row.key}-${edge}`;
  };

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
      {submit.conflict && (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            const fresh = await meeting.refetch();
            if (fresh.data) setValues(toValues(fresh.data));
          }}
        />
      )}
      {!submit.conflict && <FormErrors error={submit.error} fields={FIELDS} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const ids = (p: Presence) => Object.entries(values.presence).filter(([, v]) => v === p).map(([id]) => id);
            await updateMeeting(m.id, m.version, {
              status: values.status,
              agenda: values.agenda.map((a) => ({ title: a.title, note: a.note.trim() || null })),
              attendance: {
                present: ids('present'),
                excused: ids('excused'),
                guests: values.guests.map((g) => ({ name: g.name, stakeholder: g.stakeholder })),
              },
              resolutions: values.resolutions.map((r) => ({
                text: r.text,
                votes_for: count(r.votes_for),
                votes_against: count(r.votes_against),
                votes_abstained: count(r.votes_abstained),
              })),
              minutes: values.minutes,
            });
            await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
            await queryClient.invalidateQueries({ queryKey: groupKeys.meetings(m.working_group_id) });
            navigate(`/meetings/${m.id}`);
          });
        }}
      >
        <Field label={t('meeting.fields.status')} errors={errorsAt('status')}>
          <select value={values.status} onChange={(e) => update({ status: e.target.value as MeetingStatus })}>
            {MEETING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`meetingStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>

        <section aria-labelledby="rec-agenda" aria-describedby={agendaError ? 'rec-agenda-error' : undefined} className="record-section">
          <h2 id="rec-agenda">{t('meeting.agenda')}</h2>
          {agendaError && (
            <p className="field-error" id="rec-agenda-error">
              {agendaError.join(' ')}
            </p>
          )}
          {values.agenda.length === 0 && <p className="muted">{t('meeting.record.noAgendaYet')}</p>}
          <ol className="edit-rows">
            {values.agenda.map((a, i) => {
              const n = i + 1;
              const setRow = (patch: Partial<AgendaRow>) =>
                update({ agenda: values.agenda.map((x) => (x.key === a.key ? { ...x, ...patch } : x)) });
              return (
                <li key={a.key}>
                  <fieldset className="row-fieldset">
                    <legend>{t('meeting.record.agendaItem', { n })}</legend>
                    <Field label={t('meeting.record.itemTitle')} errors={errorsAt(`agenda[${i}].title`)} required requiredText={t('common.required')}>
                      <input type="text" data-focus={`agenda-${a.key}-title`} value={a.title} onChange={(e) => setRow({ title: e.target.value })} />
                    </Field>
                    <Field label={t('meeting.record.itemNote')} errors={errorsAt(`agenda[${i}].note`)}>
                      <textarea rows={2} value={a.note} onChange={(e) => setRow({ note: e.target.value })} />
                    </Field>
                    <div className="actions">
                      <button
                        type="button"
                        id={`agenda-${a.key}-up`}
                        className="btn btn-ghost btn-small"
                        disabled={i === 0}
                        onClick={() => moveAgenda(i, -1)}
                      >
                        {t('meeting.record.moveUp')}
                        <span className="visually-hidden"> – {t('meeting.record.agendaItem', { n })}</span>
                      </button>
                      <button
                        type="button"
                        id={`agenda-${a.key}-down`}
                        className="btn btn-ghost btn-small"
                        disabled={i === values.agenda.length - 1}
                        onClick={() => moveAgenda(i, 1)}
                      >
                        {t('meeting.record.moveDown')}
                        <span className="visually-hidden"> – {t('meeting.record.agendaItem', { n })}</span>
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() => {
                          update({ agenda: values.agenda.filter((x) => x.key !== a.key) });
                          focusAfterMove.current = 'add-agenda';
                        }}
                      >
                        {t('meeting.record.remove')}
                        <span className="visually-hidden"> – {t('meeting.record.agendaItem', { n })}</span>
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            id="add-agenda"
            aria-describedby={agendaError ? 'rec-agenda-error' : undefined}
            className="btn btn-secondary btn-small"
            onClick={() => {
              const row = { key: rowKey(), title: '', note: '' };
              update({ agenda: [...values.agenda, row] });
              focusAfterMove.current = `agenda-${row.key}-title`;
            }}
          >
            {t('meeting.record.addAgenda')}
          </button>
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
          {values.guests.length === 0 && <p className="muted">{t('meeting.record.noGuests')}</p>}
          <ol className="edit-rows">
            {values.guests.map((g, i) => {
              const n = i + 1;
              const setRow = (patch: Partial<GuestRow>) =>
                update({ guests: values.guests.map((x) => (x.key === g.key ? { ...x, ...patch } : x)) });
              return (
                <li key={g.key}>
                  <fieldset className="row-fieldset">
                    <legend>{t('meeting.record.guest', { n })}</legend>
                    <div className="field-row">
                      <Field label={t('meeting.record.guestName')} errors={errorsAt(`attendance.guests[${i}].name`)} required requiredText={t('common.required')}>
                        <input type="text" data-focus={`guest-${g.key}-name`} value={g.name} onChange={(e) => setRow({ name: e.target.value })} />
                      </Field>
                      <Field label={t('members.stakeholder')} errors={errorsAt(`attendance.guests[${i}].stakeholder`)}>
                        <select value={g.stakeholder} onChange={(e) => setRow({ stakeholder: e.target.value as Stakeholder })}>
                          {STAKEHOLDERS.map((s) => (
                            <option key={s} value={s}>
                              {t(`stakeholderOne.${s}`)}
                            </option>
                          ))}
                        </select>
                      </Field>
                    </div>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => {
                        update({ guests: values.guests.filter((x) => x.key !== g.key) });
                        focusAfterMove.current = 'add-guest';
                      }}
                    >
                      {t('meeting.record.remove')}
                      <span className="visually-hidden"> – {t('meeting.record.guest', { n })}</span>
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            id="add-guest"
            className="btn btn-secondary btn-small"
            onClick={() => {
              const row: GuestRow = { key: rowKey(), name: '', stakeholder: 'public' };
              update({ guests: [...values.guests, row] });
              focusAfterMove.current = `guest-${row.key}-name`;
            }}
          >
            {t('meeting.record.addGuest')}
          </button>
        </section>

        <section aria-labelledby="rec-resolutions" className="record-section">
          <h2 id="rec-resolutions">{t('meeting.resolutions')}</h2>
          {values.resolutions.length === 0 && <p className="muted">{t('meeting.noResolutions')}</p>}
          <ol className="edit-rows">
            {values.resolutions.map((r, i) => {
              const n = i + 1;
              const setRow = (patch: Partial<ResolutionRow>) =>
                update({ resolutions: values.resolutions.map((x) => (x.key === r.key ? { ...x, ...patch } : x)) });
              return (
                <li key={r.key}>
                  <fieldset className="row-fieldset">
                    <legend>{t('meeting.record.resolution', { n })}</legend>
                    <Field label={t('meeting.record.resolutionText')} errors={errorsAt(`resolutions[${i}].text`)} required requiredText={t('common.required')}>
                      <textarea rows={3} data-focus={`resolution-${r.key}-text`} value={r.text} onChange={(e) => setRow({ text: e.target.value })} />
                    </Field>
                    <div className="field-row">
                      {(['votes_for', 'votes_against', 'votes_abstained'] as const).map((k) => (
                        <Field key={k} label={t(`meeting.record.${k}`)} errors={errorsAt(`resolutions[${i}].${k}`)}>
                          <input type="number" inputMode="numeric" min={0} value={r[k]} onChange={(e) => setRow({ [k]: e.target.value })} />
                        </Field>
                      ))}
                    </div>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => {
                        update({ resolutions: values.resolutions.filter((x) => x.key !== r.key) });
                        focusAfterMove.current = 'add-resolution';
                      }}
                    >
                      {t('meeting.record.remove')}
                      <span className="visually-hidden"> – {t('meeting.record.resolution', { n })}</span>
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            id="add-resolution"
            className="btn btn-secondary btn-small"
            onClick={() => {
              const row = { key: rowKey(), text: '', votes_for: '0', votes_against: '0', votes_abstained: '0' };
              update({ resolutions: [...values.resolutions, row] });
              focusAfterMove.current = `resolution-${row.key}-text`;
            }}
          >
            {t('meeting.record.addResolution')}
          </button>
        </section>

        <section aria-labelledby="rec-minutes" className="record-section">
          <h2 id="rec-minutes">{t('meeting.minutes')}</h2>
          <Field label={t('meeting.record.minutesText')} hint={t('meeting.record.minutesHint')} errors={errorsAt('minutes')}>
            <textarea rows={10} value={values.minutes} onChange={(e) => update({ minutes: e.target.value })} />
          </Field>
        </section>

        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('meeting.record.save')}
          </button>
          <Link className="btn btn-secondary" to={`/meetings/${m.id}`}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
