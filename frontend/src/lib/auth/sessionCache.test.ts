import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from './session';
import { bindCacheToSession } from './sessionCache';

const person = (id: string) => ({
  id, email: `${id}@example.cz`, display_name: id, role: 'member', is_active: true, created_at: '', updated_at: '', version: 1,
});
const signInAs = (id: string, refresh = `r-${id}`) =>
  session.signIn({ access_token: `a-${id}`, refresh_token: refresh, token_type: 'Bearer', expires_in: 900, user: person(id) } as never);

let queryClient: QueryClient;
let unbind: () => void;

beforeEach(() => {
  session.clear();
  sessionStorage.clear();
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  unbind = bindCacheToSession(queryClient);
});

afterEach(() => {
  unbind();
  queryClient.clear();
});

describe('bindCacheToSession', () => {
  it.each([
    ['signs out', () => session.clear()],
    ['session expires', () => session.clear(true)],
    ['another person signs in', () => signInAs('v')],
  ])('forgets what the person saw when she %s', (_, end) => {
    signInAs('u');
    queryClient.setQueryData(['plans', 'detail', 'draft'], { title: 'Draft' });
    end();
    expect(queryClient.getQueryData(['plans', 'detail', 'draft'])).toBeUndefined();
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it('resets a page on screen, which then fetches as the person signed in now', async () => {
    signInAs('u');
    const queryFn = vi.fn(async () => (session.getAccessToken() ? 'draft text' : 'public text'));
    const observer = new QueryObserver(queryClient, { queryKey: ['plans', 'detail', 'p'], queryFn });
    const stop = observer.subscribe(() => {});
    await vi.waitFor(() => expect(observer.getCurrentResult().data).toBe('draft text'));
    session.clear(true);
    // The draft is gone at once, before the anonymous answer arrives.
    expect(observer.getCurrentResult().data).toBeUndefined();
    await vi.waitFor(() => expect(observer.getCurrentResult().data).toBe('public text'));
    stop();
  });

  it('keeps the cache across a silent refresh and a first sign-in', () => {
    queryClient.setQueryData(['plans', 'list'], ['public']);
    signInAs('u');
    expect(queryClient.getQueryData(['plans', 'list'])).toEqual(['public']);
    signInAs('u', 'r-u2');
    expect(queryClient.getQueryData(['plans', 'list'])).toEqual(['public']);
  });
});
