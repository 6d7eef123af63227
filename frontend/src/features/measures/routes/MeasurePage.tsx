import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { targetGroupNames, targetGroupsQuery } from '../../../lib/api/targetGroups';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { CommentForm } from '../../consultation/components/CommentForm';
import { CommentList } from '../../consultation/components/CommentList';
import { ConsultationBanner } from '../../consultation/components/ConsultationBanner';
import { goalQuery } from '../../goals/api/goals';
import { planQuery, textsEditable, type Plan } from '../../plans/api/plans';
import { LinkedOrganizations, LinkedServices } from '../../services/components/Linked';
import { useLeadership } from '../../working-groups/api/leadership';
import { measureQuery, measureUpdatesQuery, type Measure } from '../api/measures';
import { ProgressUpdateForm } from '../components/ProgressUpdateForm';
import { MeasureActivities } from '../components/MeasureActivities';
import { RecordYearForm } from '../components/RecordYearForm';

/**
 * Whether the signed-in person may change the measure: coordinators of the plan's territory until
 * the plan is archived; leaders of the owning group while the plan is a draft or in consultation
 * (the API decides in the end).
 */
function useCanEdit(measure: Measure | undefined, plan: Plan | undefined) {
  const { user } = useSession();
  const coordinates = canManageTerritory(user, plan?.territory_id);
  const goal = useQuery({ ...goalQuery(measure?.goal_id ?? ''), enabled: !!measure && !!plan && !!user && !coordinates });
  const leadership = useLeadership([goal.data?.working_group_id]);
  if (!user || !plan || plan.status === 'archived') return false;
  if (coordinates) return true;
  return textsEditable(plan.status) && leadership.leads(goal.data?.working_group_id);
}

export function MeasurePage() {
  const { measureId = '' } = useParams();
  const { t, formatDate, formatMoney, formatNumber } = useI18n();
  const { user } = useSession();
  const query = useQuery(measureQuery(measureId));
  const plan = useQuery({ ...planQuery(query.data?.plan_id ?? ''), enabled: !!query.data });
  const updates = useQuery({ ...measureUpdatesQuery(measureId), enabled: !!query.data });
  const canEdit = useCanEdit(query.data, plan.data);
  const groups = useQuery(targetGroupsQuery()).data ?? [];
  // The groups picked from the code list, then those written as free text (older measures).
  const targetGroups = query.data
    ? [...new Set([...targetGroupNames(groups, query.data.target_group_codes), ...query.data.target_groups])]
    : [];

  return (
    <QueryView query={query} page>
      {(m) => (
        <article>
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/">{t('nav.plans')}</Link>
            {plan.data && (
              <>
                {' › '}
                <Link to={`/plans/${plan.data.id}#goal-${m.goal_id}`}>{plan.data.title}</Link>
              </>
            )}
          </nav>
          <PageTitle title={`${m.code} ${m.title}`}>
            <span className="code">{m.code}</span> {m.title}
          </PageTitle>
          <p className="meta">
            <StatusTag kind="measure" value={m.status} />
            {m.previous_id && (
              <>
                {' · '}
                <Link to={`/measures/${m.previous_id}`}>{t('successor.measureCopiedFrom', { code: m.code })}</Link>
              </>
            )}
          </p>
          <ProgressBar value={m.progress} label={t('measure.progressOf', { code: m.code })} />
          {plan.data && <ConsultationBanner plan={plan.data} />}
          {canEdit && (
            <p className="inline-actions">
              <Link to={`/measures/${m.id}/edit`}>{t('measure.edit')}</Link>
            </p>
          )}
          {m.description && <p className="pre-wrap">{m.description}</p>}
          <dl className="facts">
            <dt>{t('measure.responsible')}</dt>
            <dd>{m.responsible || t('common.notGiven')}</dd>
            <dt>{t('measure.partners')}</dt>
            <dd>{m.partners.length ? m.partners.join(', ') : t('common.notGiven')}</dd>
            {m.responsible_organization_id && (
              <>
                <dt>{t('measure.responsibleOrganization')}</dt>
                <dd>
                  <LinkedOrganizations ids={[m.responsible_organization_id]} empty={t('common.notGiven')} />
                </dd>
              </>
            )}
            {m.partner_organization_ids.length > 0 && (
              <>
                <dt>{t('measure.partnerOrganizations')}</dt>
                <dd>
                  <LinkedOrganizations ids={m.partner_organization_ids} empty={t('common.notGiven')} />
                </dd>
              </>
            )}
            {targetGroups.length > 0 && (
              <>
                <dt>{t('measure.targetGroups')}</dt>
                <dd>{targetGroups.join(', ')}</dd>
              </>
            )}
            <dt>{t('measure.timeline')}</dt>
            <dd>
              {m.start_date || m.end_date
                ? t('measure.fromTo', { from: formatDate(m.start_date) || '…', to: formatDate(m.end_date) || '…' })
                : t('common.notGiven')}
            </dd>
            <dt>{t('measure.fields.estimatedCost')}</dt>
            <dd>{m.estimated_cost ? formatMoney(m.estimated_cost) : t('common.notGiven')}</dd>
          </dl>
          <MeasureActivities
            measureId={m.id}
            measureCode={m.code}
            canEdit={canEdit}
            textsEditable={textsEditable(plan.data?.status)}
            defaultYear={plan.data?.period_start ?? new Date().getFullYear()}
          />
          <section aria-labelledby="measure-services">
            <h2 id="measure-services">{t('measure.services')}</h2>
            <LinkedServices ids={m.service_ids} empty={t('measure.noServices')} />
          </section>
          {m.needs.length > 0 && (
            <section aria-labelledby="answers-needs">
              <h2 id="answers-needs">{t('measure.answersNeeds')}</h2>
              <ul className="plain-list">
                {m.needs.map((n) => (
                  <li key={n.id}>
                    <Link to={`/needs/${n.id}`}>{n.title}</Link> <StatusTag kind="need" value={n.status} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {m.implementation_note && (
            <section aria-labelledby="impl-note">
              <h2 id="impl-note">{t('measure.fields.implementationNote')}</h2>
              <p className="pre-wrap">{m.implementation_note}</p>
            </section>
          )}
          <section aria-labelledby="indicators">
            <h2 id="indicators">{t('measure.indicators')}</h2>
            {m.indicators.length === 0 ? (
              <p>{t('measure.noIndicators')}</p>
            ) : (
              <TableWrap label={t('measure.indicators')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('measure.indicator')}</th>
                      <th scope="col">{t('measure.unit')}</th>
                      <th scope="col">{t('measure.baseline')}</th>
                      <th scope="col">{t('measure.target')}</th>
                      <th scope="col">{t('measure.values')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.indicators.map((ind) => (
                      <tr key={ind.name}>
                        <th scope="row">{ind.name}</th>
                        <td>{ind.unit}</td>
                        <td>{formatNumber(ind.baseline) || '–'}</td>
                        <td>{formatNumber(ind.target) || '–'}</td>
                        {/* Semicolons, as a Czech decimal comma would make "18,5, 20" ambiguous. */}
                        <td>{(ind.values ?? []).map((v) => `${v.year}: ${formatNumber(v.value)}`).join('; ') || '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          <section aria-labelledby="financing">
            <h2 id="financing">{t('measure.financing')}</h2>
            {m.funding_sources.length === 0 ? (
              <p>{t('measure.noFunding')}</p>
            ) : (
              <TableWrap label={t('measure.financing')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('measure.year')}</th>
                      <th scope="col">{t('measure.source')}</th>
                      <th scope="col">{t('measure.planned')}</th>
                      <th scope="col">{t('measure.actual')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.funding_sources.map((f, i) => (
                      <tr key={`${f.year}-${f.source}-${i}`}>
                        <th scope="row">{f.year}</th>
                        <td>{t(`fundingSource.${f.source}`)}</td>
                        <td>{formatMoney(f.planned)}</td>
                        <td>{f.actual ? formatMoney(f.actual) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          {updates.data && updates.data.items.length > 0 && (
            <section aria-labelledby="updates">
              <h2 id="updates">{t('measure.updates')}</h2>
              <ol className="timeline">
                {updates.data.items.map((u) => (
                  <li key={u.id}>
                    <time dateTime={u.date}>{formatDate(u.date)}</time>: <StatusTag kind="measure" value={u.status} />{' '}
                    {t('common.percent', { value: u.progress })}
                    {u.note ? ` – ${u.note}` : ''} ({u.author_name})
                  </li>
                ))}
              </ol>
            </section>
          )}
          {canEdit && <ProgressUpdateForm measure={m} />}
          {canEdit && plan.data && <RecordYearForm measure={m} plan={plan.data} />}
          <CommentList targetType="measure" targetId={m.id} territoryId={plan.data?.territory_id} />
          {plan.data && (plan.data.consultation_open || user) ? (
            <CommentForm targetType="measure" targetId={m.id} />
          ) : (
            <p className="muted">{t('comments.closed')}</p>
          )}
        </article>
      )}
    </QueryView>
  );
}
