import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { useI18n } from '../../../i18n';
import { reportQuery } from '../../consultation/api/comments';
import { planQuery } from '../../plans/api/plans';
import { diffQuery, versionsQuery, type PlanDiff, type RowsDiff } from '../api/versions';
import { FieldChanges } from '../components/FieldChanges';
import { LeadingComments } from '../components/LeadingComments';
import { commentsByChange, type CommentsByChange } from '../consultationComments';
import { consultationChanges, CURRENT, isEmptyDiff, type Owner } from '../model';

type Side = PlanDiff['from'];
type RowRef = RowsDiff['added'][number];

const rowName = (r: RowRef) => [r.code, r.title].filter(Boolean).join(' ') || r.id;

/** Goals or measures added, removed and changed; after the consultation, each with the comments
 * that led to it. */
function Rows({
  owner,
  rows,
  heading,
  planId,
  comments,
}: {
  owner: Exclude<Owner, 'plan'>;
  rows: RowsDiff;
  heading: string;
  planId: string;
  comments?: CommentsByChange;
}) {
  const { t } = useI18n();
  const led = (id: string) => comments && <LeadingComments planId={planId} entries={comments.of(id)} />;
  if (rows.added.length + rows.removed.length + rows.changed.length === 0) return null;
  const id = `diff-${owner}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.added.length > 0 && (
        <>
          <h3>{t('versions.added')}</h3>
          <ul className="diff-rows">
            {rows.added.map((r) => (
              <li key={r.id}>
                <ins>{rowName(r)}</ins>
                {led(r.id)}
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.removed.length > 0 && (
        <>
          <h3>{t('versions.removedRows')}</h3>
          <ul className="diff-rows">
            {rows.removed.map((r) => (
              <li key={r.id}>
                <del>{rowName(r)}</del>
                {led(r.id)}
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.changed.length > 0 && (
        <>
          <h3>{t('versions.changed')}</h3>
          {rows.changed.map((r) => (
            <section key={r.id} aria-label={rowName(r)} className="diff-row">
              <h4>{rowName(r)}</h4>
              <FieldChanges owner={owner} changes={r.changes} />
              {led(r.id)}
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/** `/plans/:planId/changes?from=&to=`: what changed between two versions of a plan, or a version and now. */
export function PlanChangesPage() {
  const { planId = '' } = useParams();
  const [search] = useSearchParams();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? CURRENT;
  const { t, formatDateTime } = useI18n();
  const plan = useQuery(planQuery(planId));
  const diff = useQuery({ ...diffQuery(planId, from, to), enabled: from !== '' });
  // Comparing the consultation draft with the approved plan: "what changed after the consultation",
  // each change beside the comments that led to it.
  const versions = useQuery(versionsQuery(planId));
  const consultation = versions.data ? consultationChanges(versions.data) : null;
  const afterConsultation = !!consultation && consultation.from === from && consultation.to === to;
  const register = useQuery({ ...reportQuery(planId), enabled: afterConsultation });
  const comments = register.data ? commentsByChange(register.data.items) : undefined;
  const side = (s: Side) =>
    s.version_id
      ? t('versions.versionSide', { status: t(`planStatus.${s.status}`), date: formatDateTime(s.at) })
      : t('versions.currentSide', { date: formatDateTime(s.at) });

  const pageTitle = (title: string) => (afterConsultation ? t('versions.afterConsultationOf', { title }) : t('versions.pageTitle', { title }));

  return (
    <QueryView query={plan} page>
      {(p) => (
        <article>
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/">{t('nav.plans')}</Link> › <Link to={`/plans/${p.id}`}>{p.title}</Link>
          </nav>
          <PageTitle title={pageTitle(p.title)}>{pageTitle(p.title)}</PageTitle>
          {from === '' ? (
            <p>{t('versions.noSides')}</p>
          ) : (
            <QueryView query={diff}>
              {(d) => (
                <>
                  <p className="meta">
                    {t('versions.comparing', { from: side(d.from), to: side(d.to) })}
                  </p>
                  <p className="muted">{t('versions.legend')}</p>
                  {isEmptyDiff(d) ? (
                    <p role="status">{t('versions.noChanges')}</p>
                  ) : (
                    <>
                      {d.plan.length > 0 && (
                        <section aria-labelledby="diff-plan">
                          <h2 id="diff-plan">{t('versions.planFields')}</h2>
                          <FieldChanges owner="plan" changes={d.plan} />
                          {comments && <LeadingComments planId={p.id} entries={comments.plan} />}
                        </section>
                      )}
                      <Rows owner="goal" rows={d.goals} heading={t('versions.goals')} planId={p.id} comments={comments} />
                      <Rows owner="measure" rows={d.measures} heading={t('versions.measures')} planId={p.id} comments={comments} />
                    </>
                  )}
                </>
              )}
            </QueryView>
          )}
          <p>
            <Link to={`/plans/${p.id}#versions`}>{t('versions.backToPlan')}</Link>
          </p>
        </article>
      )}
    </QueryView>
  );
}
