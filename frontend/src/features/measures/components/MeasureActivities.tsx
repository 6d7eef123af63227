//! A measure's activities (aktivity) on its page: a table, the measure's cost against theirs (a
//! mismatch is shown, never refused), and adding, editing and deleting for those who may.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { StatusTag } from '../../../components/StatusTag';
import { TableWrap } from '../../../components/TableWrap';
import { useI18n } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { FormErrors } from '../../../components/FormErrors';
import { measureActivitiesQuery, useDeleteActivity, type Activity } from '../api/activities';
import { ActivityForm } from './ActivityForm';

interface Props {
  measureId: string;
  measureCode: string;
  canEdit: boolean;
  /** The plan is a draft or in consultation: activities may be added, changed whole and deleted. */
  textsEditable: boolean;
  defaultYear: number;
}

export function MeasureActivities({ measureId, measureCode, canEdit, textsEditable, defaultYear }: Props) {
  const { t, formatMoney } = useI18n();
  const query = useQuery(measureActivitiesQuery(measureId));
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Activity | null>(null);
  const remove = useDeleteActivity();
  const submit = useSubmit();
  const data = query.data;
  const caption = t('activity.tableOf', { code: measureCode });
  const years = (a: Activity) => (a.year_from === a.year_to ? String(a.year_from) : `${a.year_from}–${a.year_to}`);

  return (
    <section aria-labelledby="activities">
      <h2 id="activities">{t('activity.title')}</h2>
      {data && data.items.length === 0 && <p>{t('activity.none')}</p>}
      {data && data.items.length > 0 && (
        <TableWrap label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activity.fields.title')}</th>
                <th scope="col">{t('activity.fields.responsible')}</th>
                <th scope="col">{t('activity.years')}</th>
                <th scope="col">{t('activity.fields.cost')}</th>
                <th scope="col">{t('measure.fields.status')}</th>
                {canEdit && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>{a.responsible || '–'}</td>
                  <td>{years(a)}</td>
                  <td>{a.estimated_cost ? formatMoney(a.estimated_cost) : '–'}</td>
                  <td>
                    <StatusTag kind="measure" value={a.status} />
                  </td>
                  {canEdit && (
                    <td className="inline-actions">
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() => setEditing(a)}
                        aria-label={t('activity.editTitle', { title: a.title })}
                      >
                        {t('activity.editShort')}
                      </button>
                      {textsEditable && (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setDeleting(a)}
                          aria-label={t('activity.deleteTitle', { title: a.title })}
                        >
                          {t('activity.delete')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {data && (
        <p className={data.cost_mismatch ? 'notice notice-warning' : undefined} role={data.cost_mismatch ? 'note' : undefined}>
          {data.cost_mismatch
            ? t('activity.costMismatch', {
                measure: data.measure_cost ? formatMoney(data.measure_cost) : t('common.notGiven'),
                activities: formatMoney(data.activities_cost),
              })
            : t('activity.costSum', { activities: formatMoney(data.activities_cost) })}
        </p>
      )}
      {canEdit && textsEditable && editing === null && (
        <p className="inline-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setEditing('new')}>
            {t('activity.add')}
          </button>
        </p>
      )}
      {canEdit && editing !== null && (
        <ActivityForm
          key={editing === 'new' ? 'new' : editing.id}
          measureId={measureId}
          activity={editing === 'new' ? undefined : editing}
          statusOnly={!textsEditable}
          defaultYear={defaultYear}
          onDone={() => setEditing(null)}
        />
      )}
      <FormErrors error={submit.error} fields={[]} />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? t('activity.deleteTitle', { title: deleting.title }) : ''}
        confirmLabel={t('activity.delete')}
        busy={submit.busy}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          void submit.run(async () => {
            if (deleting) await remove.mutateAsync(deleting);
            setDeleting(null);
          })
        }
      >
        <p>{t('activity.deleteConfirm')}</p>
      </ConfirmDialog>
    </section>
  );
}
