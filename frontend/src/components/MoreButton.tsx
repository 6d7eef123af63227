//! "Load more" under a list read a page at a time (an infinite query): shown while there is a
//! next page, disabled and saying so while it loads.
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { useT } from '../i18n';

export function MoreButton({ query, label }: { query: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>; label: string }) {
  const t = useT();
  if (!query.hasNextPage) return null;
  return (
    <p>
      <button type="button" className="btn btn-secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {query.isFetchingNextPage ? t('common.loading') : label}
      </button>
    </p>
  );
}
