//! The catalogue of open data: every dataset with its dictionary and downloads. It changes only
//! with a new version of Spoluplán, so it is read once a session.
import { queryOptions } from '@tanstack/react-query';
import { api, type Schemas } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/problem';

export type Dataset = Schemas['DatasetDescription'];

export const openDataQuery = () =>
  queryOptions({
    queryKey: ['open-data'] as const,
    // The operation also answers JSON-LD (for NKOD) when asked for it; this asks for JSON.
    queryFn: () => unwrap(api.GET('/api/v1/open-data', {})).then((page) => (page as Schemas['DatasetPage']).items),
    staleTime: Infinity,
  });

/** The path of a download, for a link on this site (the API answers the public address). */
export const downloadPath = (dataset: Dataset, format: 'csv' | 'json') => `/api/v1/open-data/${dataset.id}.${format}`;
