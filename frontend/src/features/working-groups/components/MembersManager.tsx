//! Members management on the group page: add, change stakeholder (and role, for staff), remove.
//! Leaders may not list users, so they add a member by the account's id; only staff appoint leaders.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { useSubmit } from '../../../lib/useSubmit';
import { usersQuery } from '../../users/api/users';
import { UserSelect } from '../../users/components/UserSelect';
import { MEMBER_ROLES, STAKEHOLDERS, type KnownMember, type MemberRole, type Stakeholder } from '../api/groups';
import { useAddMember, useRefreshMembers, useRemoveMember, useUpdateMember } from '../api/members';

interface Props {
  groupId: string;
  members: KnownMember[];
  staff: boolean;
  currentUserId: string;
}

export function MembersManager({ groupId, members, staff, currentUserId }: Props) {
  const t = useT();
  const [message, setMessage] = useState('');

  return (
    <section aria-labelledby="manage-members" className="panel">
      <h2 id="manage-members">{t('members.manage')}</h2>
      <p className="muted">{staff ? t('members.staffExplain') : t('members.leaderExplain')}</p>
      <div role="status">{message && <p className="notice notice-success">{message}</p>}</div>
      {members.length === 0 ? (
        <p>{t('groups.noMembers')}</p>
      ) : (
        <ul className="member-rows">
          {members.map((m) => (
            <MemberRow
              key={`${m.id}-${m.version}`}
              groupId={groupId}
              member={m}
              staff={staff}
              self={m.user_id === currentUserId}
              onDone={setMessage}
            />
          ))}
        </ul>
      )}
      <AddMember
        groupId={groupId}
        staff={staff}
        existing={members.map((m) => m.user_id)}
        onDone={setMessage}
      />
    </section>
  );
}

function MemberRow({
  groupId,
  member,
  staff,
  self,
  onDone,
}: {
  groupId: string;
  member: KnownMember;
  staff: boolean;
  self: boolean;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const updateMember = useUpdateMember(groupId);
  const removeMember = useRemoveMember(groupId);
  const refresh = useRefreshMembers();
  const [stakeholder, setStakeholder] = useState<Stakeholder>(member.stakeholder);
  const [role, setRole] = useState<MemberRole>(member.role);
  const [confirming, setConfirming] = useState(false);
  const submit = useSubmit();
  const name = member.display_name ?? member.user_id;
  const changed = stakeholder !== member.stakeholder || role !== member.role;
  // Leaders remove ordinary members (and may leave themselves); only staff remove leaders.
  const mayRemove = staff || self || member.role !== 'leader';

  return (
    <li className="member-row">
      <p className="member-name">
        <strong>{name}</strong>
        {member.role === 'leader' && <> ({t('groups.leader')})</>}
        {self && <> – {t('members.you')}</>}
      </p>
      {submit.conflict && (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            await refresh(member.user_id);
          }}
        />
      )}
      {!submit.conflict && <FormErrors error={submit.error} fields={['stakeholder', 'role']} />}
      <form
        className="member-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            await updateMember.mutateAsync({
              member,
              body: {
                ...(stakeholder !== member.stakeholder ? { stakeholder } : {}),
                ...(staff && role !== member.role ? { role } : {}),
              },
            });
            onDone(t('members.saved', { name }));
          });
        }}
      >
        <div className="field-row">
          <Field label={t('members.stakeholderOf', { name })} errors={submit.errors.stakeholder}>
            <ChoiceSelect choices={STAKEHOLDERS} labels="stakeholderOne" value={stakeholder} onChange={setStakeholder} />
          </Field>
          {staff && (
            <Field label={t('members.roleOf', { name })} errors={submit.errors.role}>
              <ChoiceSelect choices={MEMBER_ROLES} labels="memberRole" value={role} onChange={setRole} />
            </Field>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-secondary btn-small" disabled={submit.busy || !changed}>
            {t('members.saveChange')}
            <span className="visually-hidden"> – {name}</span>
          </button>
          {mayRemove && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)}>
              {self ? t('members.leave') : t('members.remove')}
              <span className="visually-hidden"> – {name}</span>
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={self ? t('members.leaveTitle') : t('members.removeTitle')}
        confirmLabel={self ? t('members.leave') : t('members.remove')}
        busy={submit.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void submit.run(async () => {
            await removeMember.mutateAsync(member);
            onDone(t('members.removed', { name }));
          });
        }}
      >
        <p>{t('members.removeExplain', { name })}</p>
      </ConfirmDialog>
    </li>
  );
}

const ADD_FIELDS = ['user_id', 'role', 'stakeholder'] as const;

function AddMember({
  groupId,
  staff,
  existing,
  onDone,
}: {
  groupId: string;
  staff: boolean;
  existing: string[];
  onDone: (message: string) => void;
}) {
  const t = useT();
  const addMember = useAddMember(groupId);
  const users = useQuery({ ...usersQuery(), enabled: staff });
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [stakeholder, setStakeholder] = useState<Stakeholder>('public');
  const submit = useSubmit();
  const candidates = (users.data ?? []).filter((u) => u.is_active && !existing.includes(u.id));

  return (
    <form
      className="add-member"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          const id = userId.trim();
          const added = await addMember.mutateAsync({ user_id: id, stakeholder, ...(staff ? { role } : {}) });
          setUserId('');
          setRole('member');
          onDone(t('members.added', { name: added.display_name ?? id }));
        });
      }}
    >
      <h3>{t('members.add')}</h3>
      <FormErrors error={submit.error} fields={ADD_FIELDS} />
      {staff ? (
        <Field label={t('members.user')} errors={submit.errors.user_id} required requiredText={t('common.required')}>
          <UserSelect users={candidates} placeholder={t('members.pickUser')} value={userId} onChange={setUserId} />
        </Field>
      ) : (
        <Field
          label={t('members.userId')}
          hint={t('members.userIdHint')}
          errors={submit.errors.user_id}
          required
          requiredText={t('common.required')}
        >
          <input type="text" value={userId} onChange={(e) => setUserId(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
      )}
      <div className="field-row">
        <Field label={t('members.stakeholder')} hint={t('members.stakeholderHint')} errors={submit.errors.stakeholder}>
          <ChoiceSelect choices={STAKEHOLDERS} labels="stakeholderOne" value={stakeholder} onChange={setStakeholder} />
        </Field>
        {staff && (
          <Field label={t('members.role')} errors={submit.errors.role}>
            <ChoiceSelect choices={MEMBER_ROLES} labels="memberRole" value={role} onChange={setRole} />
          </Field>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          {t('members.addButton')}
        </button>
      </div>
    </form>
  );
}
