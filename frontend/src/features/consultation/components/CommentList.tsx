import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { useI18n } from '../../../i18n';
import { commentsQuery, type TargetType } from '../api/comments';

export function CommentList({ targetType, targetId }: { targetType: TargetType; targetId: string }) {
  const { t, formatDateTime } = useI18n();
  const query = useQuery(commentsQuery(targetType, targetId));
  return (
    <section aria-labelledby={`comments-${targetId}`}>
      <h2 id={`comments-${targetId}`}>{t('comments.title')}</h2>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('comments.none')}</p>
          ) : (
            <ol className="comments">
              {page.items.map((c) => (
                <li key={c.id} className="comment">
                  <p className="meta">
                    <strong>{c.author.display_name}</strong> · <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
                  </p>
                  <p className="pre-wrap">{c.body}</p>
                  {c.resolution && (
                    <p className="resolution">
                      {t('comments.settlement')}: <StatusTag kind="resolution" value={c.resolution} />
                      {c.resolution_note ? ` – ${c.resolution_note}` : ''}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}
