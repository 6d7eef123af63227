//! The comment form; anonymous people give a name and optionally an e-mail (never shown), and with
//! an e-mail may ask to receive the comment's settlement by e-mail.
import { useId, useRef, useState } from 'react';
import { CheckboxField, Field } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { useT } from '../../../i18n';
import { fieldErrors, isApiError, type ApiError } from '../../../lib/api/problem';
import { useSession } from '../../../lib/auth/useSession';
import { usePostComment, type TargetType } from '../api/comments';

const FIELDS = ['body', 'author_name', 'author_email', 'notify_on_resolution'] as const;

export function CommentForm({ targetType, targetId }: { targetType: TargetType; targetId: string }) {
  const t = useT();
  const { user } = useSession();
  const postComment = usePostComment();
  const headingId = useId();
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postComment.mutateAsync({
        target_type: targetType,
        target_id: targetId,
        body,
        ...(user ? {} : { author_name: name, author_email: email.trim() || null, notify_on_resolution: consent && !!email.trim() }),
      });
      setSent(true);
      setBody('');
      requestAnimationFrame(() => confirmation.current?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(isApiError(error) ? (error as ApiError).problem : null, t);
  return (
    <section aria-labelledby={headingId} className="panel" id="comment-form">
      <h2 id={headingId}>{t('comments.formTitle')}</h2>
      {sent && (
        <div className="notice notice-success" role="status" tabIndex={-1} ref={confirmation}>
          <p>{t('comments.thanks')}</p>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setSent(false)}>
            {t('comments.writeAnother')}
          </button>
        </div>
      )}
      {!sent && (
        <form onSubmit={submit}>
          {isApiError(error, 429) ? (
            <div className="notice notice-error" role="alert">
              <p>{t('errors.rateLimited')}</p>
            </div>
          ) : (
            <FormErrors error={error} fields={FIELDS} />
          )}
          <Field label={t('comments.body')} errors={errors.body} required requiredText={t('common.required')}>
            <textarea rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          {!user && (
            <>
              <Field
                label={t('comments.name')}
                hint={t('comments.nameHint')}
                errors={errors.author_name}
                required
                requiredText={t('common.required')}
              >
                <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field label={t('comments.email')} hint={t('comments.emailHint')} errors={errors.author_email}>
                <input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
              </Field>
              <CheckboxField
                label={t('comments.notifyOnResolution')}
                hint={t('comments.notifyOnResolutionHint')}
                errors={errors.notify_on_resolution}
                checked={consent && !!email.trim()}
                disabled={!email.trim()}
                onChange={setConsent}
              />
            </>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.sending') : t('comments.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
