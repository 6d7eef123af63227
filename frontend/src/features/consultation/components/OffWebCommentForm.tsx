//! Staff enter a comment received on paper, by e-mail or at a public hearing on its submitter's behalf.
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field, Fieldset } from '../../../components/Field';
import { FormErrors } from '../../../components/FormErrors';
import { QueryView } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { localDate } from '../../../lib/datetime';
import { useSubmit } from '../../../lib/useSubmit';
import { planTreeQuery } from '../../plans/api/plans';
import { commentTargets, OFF_WEB_CHANNELS, usePostComment, type Channel, type CommentTarget } from '../api/comments';

const FIELDS = ['target_type', 'target_id', 'author_name', 'author_email', 'channel', 'received_on', 'body'] as const;

/** A select option's value names both the kind and the id of the target. */
const targetValue = (x: Pick<CommentTarget, 'type' | 'id'>) => `${x.type}:${x.id}`;

export function OffWebCommentForm({ planId }: { planId: string }) {
  const t = useT();
  const postComment = usePostComment();
  const tree = useQuery(planTreeQuery(planId));
  const [target, setTarget] = useState(targetValue({ type: 'plan', id: planId }));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [channel, setChannel] = useState<Channel>('paper');
  const [receivedOn, setReceivedOn] = useState(localDate());
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const submit = useSubmit();
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  return (
    <section className="panel" aria-labelledby="off-web-heading">
      <h2 id="off-web-heading">{t('offWeb.title')}</h2>
      <p>{t('offWeb.intro')}</p>
      {/* Always present, so the confirmation is announced when it appears. */}
      <div role="status">
        {saved && (
          <p className="notice notice-success" ref={savedRef} tabIndex={-1}>
            {saved}
          </p>
        )}
      </div>
      <QueryView query={tree}>
        {(data) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(null);
              const [type, id] = target.split(':') as [CommentTarget['type'], string];
              void submit.run(async () => {
                await postComment.mutateAsync({
                  target_type: type,
                  target_id: id,
                  author_name: name,
                  author_email: email.trim() || null,
                  channel,
                  received_on: receivedOn,
                  body,
                });
                setSaved(t('offWeb.saved', { name }));
                // Target, channel and day stay: comments from one hearing or one batch of letters come together.
                setName('');
                setEmail('');
                setBody('');
              });
            }}
          >
            <FormErrors error={submit.error} fields={FIELDS} />
            <Field label={t('offWeb.target')} errors={submit.errors.target_id ?? submit.errors.target_type} required requiredText={t('common.required')}>
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {commentTargets(data).map((x) => (
                  <option key={x.id} value={targetValue(x)}>
                    {/* Options cannot be styled: the tree's depth shows as leading spaces. */}
                    {'\u00a0\u00a0'.repeat(x.depth)}
                    {x.type === 'plan' ? t('offWeb.wholePlan', { title: x.title }) : `${t(`targetType.${x.type}`)} ${x.code} ${x.title}`}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('offWeb.name')} errors={submit.errors.author_name} required requiredText={t('common.required')}>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t('comments.email')} hint={t('offWeb.emailHint')} errors={submit.errors.author_email}>
              <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            </Field>
            <Fieldset legend={t('offWeb.channel')} errors={submit.errors.channel}>
              {OFF_WEB_CHANNELS.map((c) => (
                <label key={c}>
                  <input type="radio" name="off-web-channel" value={c} checked={channel === c} onChange={() => setChannel(c)} /> {t(`channel.${c}`)}
                </label>
              ))}
            </Fieldset>
            <Field label={t('offWeb.receivedOn')} hint={t('offWeb.receivedOnHint')} errors={submit.errors.received_on} required requiredText={t('common.required')}>
              <input type="date" value={receivedOn} max={localDate()} onChange={(e) => setReceivedOn(e.target.value)} />
            </Field>
            <Field label={t('comments.body')} errors={submit.errors.body} required requiredText={t('common.required')}>
              <textarea rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={submit.busy}>
              {submit.busy ? t('common.sending') : t('offWeb.submit')}
            </button>
          </form>
        )}
      </QueryView>
    </section>
  );
}
