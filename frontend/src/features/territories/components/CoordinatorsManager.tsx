//! The coordinators of one territory (admins): the list, assigning an active coordinator chosen
//! among the accounts, and removing one after confirming.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { usersQuery } from '../../users/api/users';
import { UserSelect } from '../../users/components/UserSelect';
import { coordinatorsQuery, useAssignCoordinator, useUnassignCoordinator, type Coordinator, type Territory } from '../api/territories';

export function CoordinatorsManager({ territory }: { territory: Territory }) {
  const t = useT();
  const query = useQuery(coordinatorsQuery(territory.id));
  const users = useQuery(usersQuery());
  const [message, setMessage] = useState('');
  const [userId, setUserId] = useState('');
  const [removing, setRemoving] = useState<Coordinator | null>(null);
  const assign = useSubmit();
  const remove = useSubmit();
  const assignCoordinator = useAssignCoordinator();
  const unassignCoordinator = useUnassignCoordinator();

  const assignedIds = new Set((query.data ?? []).map((c) => c.user_id));
  const candidates = (users.data ?? []).filter((u) => u.role === 'coordinator' && u.is_active && !assignedIds.has(u.id));

  return (
    <section aria-labelledby="territory-coordinators" className="panel">
      <h2 id="territory-coordinators">{t('territories.coordinators')}</h2>
      <p className="muted">{t('territories.coordinatorsIntro')}</p>
      <div role="status">{message && <p className="notice notice-success">{message}</p>}</div>
      <FormErrors error={remove.error} fields={[]} />
      <QueryView query={query}>
        {(coordinators) =>
          coordinators.length === 0 ? (
            <p>{t('territories.noCoordinators')}</p>
          ) : (
            <ul className="plain-list">
              {coordinators.map((c) => (
                <li key={c.id} className="inline-actions">
                  <span>
                    {c.display_name} <span className="meta">({c.email})</span>
                  </span>
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => setRemoving(c)}>
                    {t('territories.remove')}
                    <span className="visually-hidden"> {c.display_name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <h3>{t('territories.assign')}</h3>
      <FormErrors error={assign.error} fields={['user_id']} />
      <QueryView query={users}>
        {() =>
          candidates.length === 0 ? (
            <p>{t('territories.noCandidates')}</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const chosen = candidates.find((u) => u.id === userId);
                void assign.run(async () => {
                  setMessage('');
                  await assignCoordinator.mutateAsync({ territoryId: territory.id, userId });
                  setUserId('');
                  setMessage(t('territories.assigned', { name: chosen?.display_name ?? '', territory: territory.name }));
                });
              }}
            >
              <Field
                label={t('territories.pickCoordinator')}
                hint={t('territories.pickCoordinatorHint')}
                errors={assign.errors.user_id}
                required
                requiredText={t('common.required')}
              >
                <UserSelect users={candidates} placeholder={t('territories.pick')} value={userId} onChange={setUserId} />
              </Field>
              <button type="submit" className="btn btn-primary" disabled={assign.busy}>
                {t('territories.assignButton')}
              </button>
            </form>
          )
        }
      </QueryView>
      <ConfirmDialog
        open={removing !== null}
        title={t('territories.removeTitle')}
        confirmLabel={t('territories.remove')}
        busy={remove.busy}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          void remove.run(async () => {
            if (!removing) return;
            setMessage('');
            try {
              await unassignCoordinator.mutateAsync({ territoryId: territory.id, userId: removing.user_id });
            } finally {
              setRemoving(null);
            }
            setMessage(t('territories.removed', { name: removing.display_name, territory: territory.name }));
          })
        }
      >
        <p>{t('territories.removeExplain', { name: removing?.display_name ?? '', territory: territory.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
