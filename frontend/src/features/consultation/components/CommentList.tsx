//! The comments on one target; their signed-in author edits (inline) or deletes (after confirming) their own,
//! and coordinators hide them (giving the reason) or restore them.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n, useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { useSubmit } from '../../../lib/useSubmit';
import {
  commentsQuery,
  invalidateComments,
  isOwnEditable,
  moderationAction,
  useDeleteComment,
  useModerateComment,
  useUpdateComment,
  type Comment,
  type TargetType,
} from '../api/comments';

/** Focus goes back to a comment's edit button (when the editor closes) by this id. */
const editButtonId = (id: string) => `comment-edit-${id}`;

interface Props {
  targetType: TargetType;
  targetId: string;
  /** The territory of the plan or group the target belongs to: its coordinators moderate. */
  territoryId: string | null | undefined;
}

export function CommentList({ targetType, targetId, territoryId }: Props) {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const query = useQuery(commentsQuery(targetType, targetId));
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const [hiding, setHiding] = useState<Comment | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<'edited' | 'deleted' | 'hidden' | 'restored' | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const remove = useSubmit();
  const moderate = useSubmit();
  const deleteComment = useDeleteComment();
  const moderateComment = useModerateComment();
  // The edited or deleted comment's controls are gone: focus the announcement instead of losing it.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  // After a 412: the lists as they are now, the settlement register's too, where the comment appears.
  const refresh = () => invalidateComments(queryClient);

  /** Starts an action on a comment; the previous action's announcement goes first. */
  function act(start: () => void) {
    setDone(null);
    start();
  }

  /** Hides (with the reason) or restores a comment; the list then shows its new state. */
  function setStatus(c: Comment, status: Comment['status'], why: string | null) {
    setDone(null);
    return moderate.run(async () => {
      await moderateComment.mutateAsync({ comment: c, status, reason: why });
      setHiding(null);
      setDone(status === 'hidden' ? 'hidden' : 'restored');
    });
  }

  /** After a 412 the list is fetched again, and the coordinator decides on the current version. */
  async function reloadAfterConflict() {
    moderate.clear();
    setHiding(null);
    await refresh();
  }

  const moderationProblem = moderate.conflict ? (
    <ConflictNotice onReload={() => void reloadAfterConflict()} />
  ) : (
    <FormErrors error={moderate.error} fields={['moderation_reason']} />
  );

  function closeEditor(id: string) {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById(editButtonId(id))?.focus());
  }

  return (
    <section aria-labelledby={`comments-${targetId}`}>
      <h2 id={`comments-${targetId}`}>{t('comments.title')}</h2>
      {/* Always present, so the result is announced when it appears. */}
      <div role="status" tabIndex={-1} ref={doneRef}>
        {done && <p className="notice notice-success">{t(`comments.${done}`)}</p>}
      </div>
      {/* Restoring has no dialog: its failure is shown here (hiding's in the dialog). */}
      {!hiding && moderationProblem}
      <QueryView query={query}>
        {(comments) =>
          comments.length === 0 ? (
            <p>{t('comments.none')}</p>
          ) : (
            <ol className="comments">
              {comments.map((c) => {
                const action = moderationAction(c, user, territoryId);
                return (
                  <li key={c.id} className={c.status === 'hidden' ? 'comment comment-hidden' : 'comment'}>
                    <p className="meta" id={`comment-meta-${c.id}`}>
                      <strong>{c.author.display_name}</strong> · <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
                    </p>
                    {/* Only staff ever receive hidden comments, so the public never sees this. */}
                    {c.status === 'hidden' && (
                      <p className="moderation">
                        <span className="tag tag-hidden">{t('comments.hiddenTag')}</span>{' '}
                        {c.moderation_reason ? t('comments.hiddenReason', { reason: c.moderation_reason }) : t('comments.hiddenForPublic')}
                      </p>
                    )}
                    {editing === c.id ? (
                      <EditComment
                        comment={c}
                        onSaved={() => {
                          setEditing(null);
                          setDone('edited');
                        }}
                        onCancel={() => closeEditor(c.id)}
                        onReload={async () => {
                          const fresh = await queryClient.fetchQuery({ ...commentsQuery(targetType, targetId), staleTime: 0 });
                          return fresh.find((x) => x.id === c.id);
                        }}
                      />
                    ) : (
                      <p className="pre-wrap">{c.body}</p>
                    )}
                    {c.resolution && (
                      <p className="resolution">
                        {t('comments.settlement')}: <StatusTag kind="resolution" value={c.resolution} />
                        {c.resolution_note ? ` – ${c.resolution_note}` : ''}
                      </p>
                    )}
                    {editing !== c.id && isOwnEditable(c, user) && (
                      <p className="inline-actions">
                        <CommentAction id={editButtonId(c.id)} comment={c} label={t('comments.edit')} onClick={() => act(() => setEditing(c.id))} />
                        <CommentAction
                          comment={c}
                          label={t('comments.delete')}
                          onClick={() =>
                            act(() => {
                              remove.clear();
                              setDeleting(c);
                            })
                          }
                        />
                      </p>
                    )}
                    {editing !== c.id && action && (
                      <p className="inline-actions">
                        {action === 'hide' ? (
                          <CommentAction
                            comment={c}
                            label={t('comments.hide')}
                            onClick={() =>
                              act(() => {
                                moderate.clear();
                                setReason('');
                                setHiding(c);
                              })
                            }
                          />
                        ) : (
                          <CommentAction
                            comment={c}
                            label={t('comments.restore')}
                            secondary
                            disabled={moderate.busy}
                            onClick={() => void setStatus(c, 'published', null)}
                          />
                        )}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )
        }
      </QueryView>
      <ConfirmDialog
        open={deleting !== null}
        title={t('comments.deleteTitle')}
        confirmLabel={t('comments.deleteConfirm')}
        busy={remove.busy}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          void remove.run(async () => {
            if (!deleting) return;
            await deleteComment.mutateAsync(deleting);
            setDeleting(null);
            setDone('deleted');
          })
        }
      >
        <p>{t('comments.deleteText')}</p>
        {deleting && <blockquote className="pre-wrap">{deleting.body}</blockquote>}
        {remove.conflict ? (
          <ConflictNotice
            onReload={async () => {
              // The comment changed meanwhile: show the current list and let the author decide again.
              remove.clear();
              setDeleting(null);
              await refresh();
            }}
          />
        ) : (
          <FormErrors error={remove.error} fields={[]} />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={hiding !== null}
        title={t('comments.hideTitle')}
        confirmLabel={t('comments.hideConfirm')}
        busy={moderate.busy}
        onCancel={() => {
          moderate.clear();
          setHiding(null);
        }}
        onConfirm={() => {
          if (hiding) void setStatus(hiding, 'hidden', reason);
        }}
      >
        <p>{t('comments.hideText')}</p>
        {hiding && <blockquote className="pre-wrap">{hiding.body}</blockquote>}
        {hiding && moderationProblem}
        <Field label={t('comments.hideReason')} hint={t('comments.hideReasonHint')} errors={moderate.errors.moderation_reason} required requiredText={t('common.required')}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </section>
  );
}

/** The inline editor of one's own comment: a labelled text box, save and cancel; a 412 offers the current text. */
/** A small button acting on one comment, described by the comment's author and time line. */
function CommentAction({
  comment,
  label,
  onClick,
  id,
  secondary,
  disabled,
}: {
  comment: Comment;
  label: string;
  onClick: () => void;
  id?: string;
  secondary?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      id={id}
      className={`btn ${secondary ? 'btn-secondary' : 'btn-ghost'} btn-small`}
      aria-describedby={`comment-meta-${comment.id}`}
      disabled={disabled}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

function EditComment({
  comment,
  onSaved,
  onCancel,
  onReload,
}: {
  comment: Comment;
  onSaved: () => void;
  onCancel: () => void;
  onReload: () => Promise<Comment | undefined>;
}) {
  const t = useT();
  const [body, setBody] = useState(comment.body);
  const submit = useSubmit();
  const updateComment = useUpdateComment();
  return (
    <form
      className="comment-edit"
      onSubmit={(e) => {
        e.preventDefault();
        // `comment` is the list's current copy, so after a reload its new version is sent.
        void submit.run(async () => {
          await updateComment.mutateAsync({ comment, body });
          onSaved();
        });
      }}
    >
      {submit.conflict ? (
        <ConflictNotice
          onReload={async () => {
            submit.clear();
            const latest = await onReload();
            if (latest) setBody(latest.body);
            else onCancel();
          }}
        />
      ) : (
        <FormErrors error={submit.error} fields={['body']} />
      )}
      <Field label={t('comments.editBody')} errors={submit.errors.body} required requiredText={t('common.required')}>
        <textarea rows={5} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
      </Field>
      <div className="actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={submit.busy}>
          {submit.busy ? t('common.sending') : t('common.save')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
