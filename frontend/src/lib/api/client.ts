//! The one API client, generated from ../openapi.yaml (schema.d.ts) and wrapped for auth.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { createAuthFetch } from './fetch';

export type Schemas = components['schemas'];

export const api = createClient<paths>({
  baseUrl: typeof window !== 'undefined' ? window.location.origin : 'http://localhost',
  fetch: createAuthFetch(),
});

/** `If-Match` for an optimistic-concurrency write of a resource at `version`. */
export function ifMatch(version: number) {
  return { 'If-Match': `"${version}"` };
}
