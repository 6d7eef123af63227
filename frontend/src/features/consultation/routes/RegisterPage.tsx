//! The settlement register (vypořádání připomínek): filters, bulk resolution, CSV and HTML annex,
//! and staff's entry of comments received outside the website.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { FileLink } from '../../../components/FileLink';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { ErrorMessage, QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n, useT } from '../../../i18n';
import type { Schemas } from '../../../lib/api/client';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { planQuery, planTreeQuery } from '../../plans/api/plans';
import { changeTargets, parseTargetValue, targetValue } from '../changeTargets';
import { reportFile, reportQuery, RESOLUTIONS, useResolveComments, type Resolution } from '../api/comments';
import { OffWebCommentForm } from '../components/OffWebCommentForm';
import { filterEntries, type RegisterFilter } from '../registerFilter';

type Entry = Schemas['RegisterEntry'];

export function RegisterPage() {
  const { planId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const resolveComments = useResolveComments();
  const query = useQuery(reportQuery(planId));
  const plan = useQuery(planQuery(planId));
  // Coordinators of the plan's territory settle its comments and record those received off the web.
  const staff = canManageTerritory(user, plan.data?.territory_id);
  const [params, setParams] = useSearchParams();
  const filter = useMemo<RegisterFilter>(
    () => ({
      state: (params.get('state') as RegisterFilter['state']) ?? 'all',
      target: (params.get('target') as RegisterFilter['target']) ?? 'all',
      text: params.get('q') ?? '',
    }),
    [params],
  );
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (!value || value === 'all') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [resolution, setResolution] = useState<Resolution>('accepted');
  const [note, setNote] = useState('');
  const [change, setChange] = useState('');
  const [changeTarget, setChangeTarget] = useState('');
  // The goals and measures a settlement may name as changed.
  const tree = useQuery({ ...planTreeQuery(planId), enabled: staff });
  const targets = useMemo(() => (tree.data ? changeTargets(tree.data.goals) : []), [tree.data]);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const reportHref = (format: 'csv' | 'html') => `/api/v1/plans/${planId}/consultation-report?format=${format}`;

  const entries = useMemo(() => (query.data ? filterEntries(query.data.items, filter) : []), [query.data, filter]);

  const [fileError, setFileError] = useState<unknown>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  // The settled rows' form disappears with the selection: focus goes to the confirmation instead.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <QueryView query={query} page>
      {(report) => (
        <>
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/">{t('nav.plans')}</Link> › <Link to={`/plans/${planId}`}>{report.plan.title}</Link>
          </nav>
          <PageTitle title={t('register.title')}>{t('register.title')}</PageTitle>
          <p className="meta">
            {report.plan.title} · {report.plan.territory}
          </p>
          <p>
            {t('register.counts', {
              total: report.counts.total,
              unsettled: report.counts.unsettled,
              accepted: report.counts.accepted,
              partially_accepted: report.counts.partially_accepted,
              rejected: report.counts.rejected,
              noted: report.counts.noted,
            })}
          </p>
          <ul className="plain-list">
            <li>
              <FileLink
                href={reportHref('csv')}
                delivery={{ save: `vyporadani-${planId}.csv` }}
                fetchFile={() => reportFile(planId, 'csv')}
                onError={setFileError}
              >
                {t('register.downloadCsv')}
              </FileLink>
            </li>
            <li>
              <FileLink href={reportHref('html')} delivery="tab" fetchFile={() => reportFile(planId, 'html')} onError={setFileError}>
                {t('register.printHtml')}
              </FileLink>
            </li>
          </ul>
          {fileError !== null && <ErrorMessage error={fileError} />}
          <form className="filter-bar filters" role="search" aria-label={t('register.filters')} onSubmit={(e) => e.preventDefault()}>
            <Field label={t('register.filterState')}>
              <select value={filter.state} onChange={(e) => setFilter('state', e.target.value)}>
                <option value="all">{t('register.all')}</option>
                <option value="unsettled">{t('register.unsettled')}</option>
                {RESOLUTIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`resolutionStatus.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.filterTarget')}>
              <select value={filter.target} onChange={(e) => setFilter('target', e.target.value)}>
                <option value="all">{t('register.all')}</option>
                {(['plan', 'goal', 'measure'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`targetType.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('register.search')}>
              <input type="search" value={filter.text} onChange={(e) => setFilter('q', e.target.value)} />
            </Field>
          </form>
          <p role="status">{t('register.shown', { count: entries.length })}</p>
          {/* Always present, so that its message is announced when it appears. */}
          <div role="status">
            {done && (
              <div className="notice notice-success" ref={doneRef} tabIndex={-1}>
                <p>{done}</p>
              </div>
            )}
          </div>
          {staff && selected.size > 0 && (
            <section className="panel" aria-labelledby="resolve-heading">
              <h2 id="resolve-heading">{t('register.resolveSelected', { count: selected.size })}</h2>
              <FormErrors error={submit.error} fields={['resolution', 'note', 'change', 'change_target_id']} />
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit.run(async () => {
                    const ids = [...selected];
                    await resolveComments.mutateAsync({
                      ids,
                      body: { resolution, note, change, ...parseTargetValue(changeTarget) },
                      onSettled: (id) =>
                        setSelected((s) => {
                          const n = new Set(s);
                          n.delete(id);
                          return n;
                        }),
                    });
                    setNote('');
                    setChange('');
                    setChangeTarget('');
                    setDone(t('register.resolvedCount', { count: ids.length }));
                  });
                }}
              >
                <fieldset className="radio-group">
                  <legend>{t('register.resolution')}</legend>
                  {RESOLUTIONS.map((r) => (
                    <label key={r}>
                      <input type="radio" name="resolution" value={r} checked={resolution === r} onChange={() => setResolution(r)} />{' '}
                      {t(`resolutionStatus.${r}`)}
                    </label>
                  ))}
                </fieldset>
                {/* A comment only noted needs no justification (the API's rule). */}
                <Field
                  label={t('register.note')}
                  hint={t('register.noteHint')}
                  errors={submit.errors.note}
                  required={resolution !== 'noted'}
                  requiredText={t('common.required')}
                >
                  <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
                </Field>
                <Field label={t('register.change')} hint={t('register.changeHint')} errors={submit.errors.change}>
                  <textarea rows={2} value={change} onChange={(e) => setChange(e.target.value)} />
                </Field>
                <Field label={t('register.changeTarget')} errors={submit.errors.change_target_id ?? submit.errors.change_target_type}>
                  <select value={changeTarget} onChange={(e) => setChangeTarget(e.target.value)}>
                    <option value="">{t('register.changeTargetNone')}</option>
                    {targets.map((target) => (
                      <option key={targetValue(target)} value={targetValue(target)}>
                        {t(`targetType.${target.type}`)} {target.code} {target.title}
                      </option>
                    ))}
                  </select>
                </Field>
                <button type="submit" className="btn btn-primary" disabled={submit.busy}>
                  {t('register.resolve')}
                </button>
              </form>
            </section>
          )}
          <TableWrap label={t('register.title')}>
            <table className="register">
              <caption className="visually-hidden">{t('register.title')}</caption>
              <thead>
                <tr>
                  {staff && (
                    <th scope="col">
                      <SelectAll
                        ids={entries.map((e) => e.comment_id)}
                        selected={selected}
                        onChange={(next) => {
                          setDone(null);
                          setSelected(next);
                        }}
                      />
                    </th>
                  )}
                  <th scope="col">{t('register.number')}</th>
                  <th scope="col">{t('register.target')}</th>
                  <th scope="col">{t('register.author')}</th>
                  <th scope="col">{t('register.received')}</th>
                  <th scope="col">{t('register.comment')}</th>
                  <th scope="col">{t('register.resolution')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e: Entry) => (
                  <tr key={e.comment_id}>
                    {staff && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('register.selectNumber', { number: e.number })}
                          checked={selected.has(e.comment_id)}
                          onChange={(ev) => {
                            setDone(null);
                            setSelected((s) => {
                              const n = new Set(s);
                              if (ev.target.checked) n.add(e.comment_id);
                              else n.delete(e.comment_id);
                              return n;
                            });
                          }}
                        />
                      </td>
                    )}
                    <th scope="row">{e.number}</th>
                    <td>
                      {t(`targetType.${e.target.type}`)} {e.target.code ?? ''} {e.target.title}
                    </td>
                    <td>{e.author.display_name}</td>
                    <td>
                      {formatDate(e.received_on)} ({t(`channel.${e.channel}`)})
                    </td>
                    <td className="pre-wrap">{e.body ?? t('register.hiddenBody')}</td>
                    <td>
                      {e.resolution ? (
                        <>
                          <StatusTag kind="resolution" value={e.resolution} />
                          {e.resolution_note && <p>{e.resolution_note}</p>}
                          {(e.resolution_change || e.change_target) && (
                            <p>
                              <strong>{t('register.change')}:</strong>{' '}
                              {e.change_target && (
                                <Link to={`/${e.change_target.type === 'goal' ? 'goals' : 'measures'}/${e.change_target.id}`}>
                                  {t(`targetType.${e.change_target.type}`)} {e.change_target.code} {e.change_target.title}
                                </Link>
                              )}
                              {e.change_target && e.resolution_change && ' – '}
                              {e.resolution_change}
                            </p>
                          )}
                        </>
                      ) : (
                        <span className="tag tag-unsettled">{t('register.unsettled')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {/* Only while the consultation runs do comments join the register (the API has the last word). */}
          {staff && report.plan.status === 'consultation' && <OffWebCommentForm planId={planId} />}
        </>
      )}
    </QueryView>
  );
}

/** Selects or clears every comment shown by the filters (mixed when only some are selected). */
function SelectAll({ ids, selected, onChange }: { ids: string[]; selected: Set<string>; onChange: (next: Set<string>) => void }) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const count = ids.filter((id) => selected.has(id)).length;
  const all = ids.length > 0 && count === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={t('register.selectAll')}
      checked={all}
      disabled={ids.length === 0}
      onChange={(e) => {
        const next = new Set(selected);
        for (const id of ids) {
          if (e.target.checked) next.add(id);
          else next.delete(id);
        }
        onChange(next);
      }}
    />
  );
}
