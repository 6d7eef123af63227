//! One need: what was reported, where and for whom, its status and public answer, the measures
//! that answer it, the need it duplicates; and the review for its working group and coordinators.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { DeleteSection } from '../../../components/DeleteSection';
import { PageTitle } from '../../../components/PageTitle';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n, useT } from '../../../i18n';
import { targetGroupNames, targetGroupsQuery } from '../../../lib/api/targetGroups';
import { TerritoryLink } from '../../territories/components/TerritoryLink';
import { useLeadership } from '../../working-groups/api/leadership';
import { groupQuery } from '../../working-groups/api/groups';
import { needQuery, useDeleteNeed, type Need } from '../api/needs';
import { NeedReview } from '../components/NeedReview';

export function NeedPage() {
  const { needId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const query = useQuery(needQuery(needId));
  const groupId = query.data?.working_group_id ?? '';
  const group = useQuery({ ...groupQuery(groupId), enabled: !!groupId });
  const original = useQuery({ ...needQuery(query.data?.duplicate_of ?? ''), enabled: !!query.data?.duplicate_of });
  const leadership = useLeadership([groupId]);
  const groups = useQuery(targetGroupsQuery()).data ?? [];

  return (
    <QueryView query={query} page>
      {(n) => (
        <article>
          <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
            <Link to="/needs">{t('nav.needs')}</Link>
          </nav>
          <PageTitle title={n.title}>{n.title}</PageTitle>
          <p className="meta">
            <StatusTag kind="need" value={n.status} /> {t('needs.reportedBy', { name: n.author_name, date: formatDate(n.created_at) })}
          </p>
          {n.description && <p className="pre-wrap">{n.description}</p>}
          <dl className="facts">
            <dt>{t('needs.fields.territory')}</dt>
            <dd>{n.territory_id ? <TerritoryLink id={n.territory_id} /> : t('needs.wholeInstallation')}</dd>
            <dt>{t('needs.fields.targetGroup')}</dt>
            <dd>{n.target_group_codes.length ? targetGroupNames(groups, n.target_group_codes).join(', ') : t('common.notGiven')}</dd>
            <dt>{t('needs.fields.source')}</dt>
            <dd>{t(`needSource.${n.source}`)}</dd>
            <dt>{t('needs.fields.workingGroup')}</dt>
            <dd>{group.data ? <Link to={`/working-groups/${group.data.id}`}>{group.data.name}</Link> : t('needs.noGroupYet')}</dd>
            {n.author_email && (
              <>
                <dt>{t('needs.fields.email')}</dt>
                <dd>
                  <a href={`mailto:${n.author_email}`}>{n.author_email}</a>
                </dd>
              </>
            )}
          </dl>
          {n.duplicate_of && (
            <p className="notice">
              {t('needs.duplicateOf')} <Link to={`/needs/${n.duplicate_of}`}>{original.data?.title ?? '…'}</Link>
            </p>
          )}
          <section aria-labelledby="answer">
            <h2 id="answer">{t('needs.answer')}</h2>
            {n.response ? <p className="pre-wrap">{n.response}</p> : <p>{t('needs.noAnswer')}</p>}
            {n.measures.length > 0 && (
              <>
                <h3>{t('needs.answeredBy')}</h3>
                <ul className="plain-list">
                  {n.measures.map((m) => (
                    <li key={m.id}>
                      <Link to={`/measures/${m.id}`}>
                        <span className="code">{m.code}</span> {m.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {leadership.ready && (leadership.manages(n.territory_id) || leadership.leads(n.working_group_id)) && (
            <NeedReview need={n} refetch={query.refetch} />
          )}
          {leadership.ready && leadership.manages(n.territory_id) && <DeleteNeed need={n} />}
        </article>
      )}
    </QueryView>
  );
}

/** For the coordinators where the need lies: a report in error or spam goes, once no duplicate points to it. */
function DeleteNeed({ need }: { need: Need }) {
  const t = useT();
  const remove = useDeleteNeed();
  return (
    <DeleteSection
      label={t('needs.delete')}
      question={t('needs.deleteTitle')}
      explain={t('needs.deleteExplain', { title: need.title })}
      inUse={t('needs.inUse')}
      name={need.title}
      after="/needs"
      remove={() => remove.mutateAsync(need)}
    />
  );
}
