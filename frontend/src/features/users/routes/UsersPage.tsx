//! Users: coordinators list and add people; admins also change roles.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { PageTitle } from '../../../components/PageTitle';
import { NotAllowed, QueryView, SignInPrompt } from '../../../components/QueryState';
import { TableWrap } from '../../../components/TableWrap';
import { useT } from '../../../i18n';
import { isAdmin, isStaff, useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import { ROLES, useCreateUser, usersQuery, useUpdateUser, type Role, type User } from '../api/users';

const FIELDS = ['email', 'display_name', 'role', 'password'] as const;

export function UsersPage() {
  const t = useT();
  const { user } = useSession();
  const query = useQuery({ ...usersQuery(), enabled: isStaff(user) });
  const [form, setForm] = useState({ email: '', display_name: '', role: 'member' as Role, password: '' });
  const [invited, setInvited] = useState<string | null>(null);
  const create = useSubmit();
  const edit = useSubmit();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [saved, setSaved] = useState<string | null>(null);
  const admin = isAdmin(user);

  if (!isStaff(user)) {
    return (
      <>
        <PageTitle title={t('users.title')}>{t('users.title')}</PageTitle>
        {user ? <NotAllowed /> : <SignInPrompt />}
      </>
    );
  }

  const change = (u: User, body: { role?: Role; is_active?: boolean }, done: string) =>
    void edit.run(async () => {
      setSaved(null);
      await updateUser.mutateAsync({ user: u, body });
      setSaved(done);
    });

  return (
    <>
      <PageTitle title={t('users.title')}>{t('users.title')}</PageTitle>
      {edit.conflict ? (
        <ConflictNotice
          onReload={() => {
            edit.clear();
            void query.refetch();
          }}
        />
      ) : (
        <FormErrors error={edit.error} fields={[]} />
      )}
      {/* Always present, so the confirmation of a saved change is announced when it appears. */}
      <div role="status">
        {saved && (
          <div className="notice notice-success">
            <p>{saved}</p>
          </div>
        )}
      </div>
      <QueryView query={query}>
        {(users) => (
          <TableWrap label={t('users.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.state')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.display_name}</th>
                    <td>{u.email}</td>
                    <td>
                      {admin && u.id !== user?.id ? (
                        <RoleEditor
                          // A new version of the user (saved here or elsewhere) starts from its role.
                          key={u.version}
                          user={u}
                          busy={edit.busy}
                          onSave={(role) =>
                            change(u, { role }, t('users.roleSaved', { name: u.display_name, role: t(`role.${role}`) }))
                          }
                        />
                      ) : (
                        t(`role.${u.role}`)
                      )}
                    </td>
                    <td>
                      {u.is_active ? t('users.active') : t('users.inactive')}{' '}
                      {u.id !== user?.id && (admin || u.role === 'member') && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() =>
                            change(
                              u,
                              { is_active: !u.is_active },
                              t(u.is_active ? 'users.deactivated' : 'users.activated', { name: u.display_name }),
                            )
                          }
                        >
                          {u.is_active ? t('users.deactivate') : t('users.activate')}
                          <span className="visually-hidden"> {u.display_name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      <section className="panel" aria-labelledby="new-user">
        <h2 id="new-user">{t('users.create')}</h2>
        <div role="status">{invited && <p className="notice notice-success">{t('users.invited', { email: invited })}</p>}</div>
        <FormErrors error={create.error} fields={FIELDS} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create.run(async () => {
              // No password: the API e-mails an invitation to set one.
              await createUser.mutateAsync({ ...form, password: form.password || null });
              setInvited(form.password ? null : form.email);
              setForm({ email: '', display_name: '', role: 'member', password: '' });
            });
          }}
        >
          <Field label={t('users.displayName')} errors={create.errors.display_name} required requiredText={t('common.required')}>
            <input type="text" value={form.display_name} onChange={(e) => setForm({ ...form, display_name: e.target.value })} />
          </Field>
          <Field label={t('users.email')} errors={create.errors.email} required requiredText={t('common.required')}>
            <input type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field label={t('users.role')} errors={create.errors.role}>
            <ChoiceSelect choices={admin ? ROLES : (['member'] as Role[])} labels="role" value={form.role} onChange={(role) => setForm({ ...form, role })} />
          </Field>
          <Field label={t('users.password')} hint={t('users.passwordHint')} errors={create.errors.password}>
            <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={create.busy}>
            {t('users.createButton')}
          </button>
        </form>
      </section>
    </>
  );
}

/**
 * A role is changed only with the save button: a closed select changes its value on the arrow
 * keys, which must not save a role on the way to another one.
 */
function RoleEditor({ user, busy, onSave }: { user: User; busy: boolean; onSave: (role: Role) => void }) {
  const t = useT();
  const [role, setRole] = useState<Role>(user.role);
  return (
    <form
      className="inline-actions"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(role);
      }}
    >
      <ChoiceSelect aria-label={t('users.roleOf', { name: user.display_name })} choices={ROLES} labels="role" value={role} onChange={setRole} />
      <button type="submit" className="btn btn-secondary btn-small" disabled={busy || role === user.role}>
        {t('users.saveRole')}
        <span className="visually-hidden"> {user.display_name}</span>
      </button>
    </form>
  );
}
