import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../../lib/auth/session';
import type { Member } from './groups';
import { useLeadership } from './leadership';
import { bindCacheToSession } from '../../../lib/auth/sessionCache';
import { invalidateMyMemberships, membershipKeys } from './memberships';

type Manages = { whole_installation: boolean; territory_ids: string[] };
const everywhere: Manages = { whole_installation: true, territory_ids: [] };
const nowhere: Manages = { whole_installation: false, territory_ids: [] };
const person = (id: string, role = 'member', manages = role === 'member' ? nowhere : everywhere) => ({
  id, email: `${id}@example.cz`, display_name: id, role, is_active: true, created_at: '', updated_at: '', version: 1, manages,
});
const signInAs = (id: string, role = 'member', manages?: Manages) =>
  session.signIn({ access_token: `a-${id}`, refresh_token: `r-${id}`, token_type: 'Bearer', expires_in: 900, user: person(id, role, manages) } as never);
const membership = (group: string, role: Member['role']) =>
  ({ id: `m-${group}`, working_group_id: group, user_id: 'u', role, stakeholder: 'provider', created_at: '', updated_at: '', version: 1 }) as Member;
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Answers /me/memberships from `pages[token]` (one page per cursor) and records every request. */
function stubApi(pages: Record<string, { items: Member[]; next_cursor?: string | null }[]>) {
  const seen: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (r: Request) => {
      const url = new URL(r.url);
      const token = r.headers.get('authorization')?.replace('Bearer ', '') ?? '';
      seen.push(`${url.pathname}${url.search} ${token}`);
      if (url.pathname !== '/api/v1/me/memberships') throw new Error(`unexpected ${url.pathname}`);
      if (!token) return new Response(JSON.stringify({ status: 401, title: 'Unauthorized' }), { status: 401 });
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      return json(pages[token]![cursor]);
    }),
  );
  return seen;
}

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const unbind = bindCacheToSession(queryClient);
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, unbind, wrapper };
}

beforeEach(() => {
  session.clear();
  sessionStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useLeadership', () => {
  it('reads leaderships from one /me/memberships query, following next_cursor', async () => {
    signInAs('u');
    const seen = stubApi({
      'a-u': [
        { items: [membership('g2', 'leader'), membership('g1', 'member')], next_cursor: '1' },
        { items: [membership('g3', 'leader')], next_cursor: null },
      ],
    });
    const { wrapper, unbind } = setup();
    const { result } = renderHook(() => useLeadership(), { wrapper });
    expect(result.current.ready).toBe(false);
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.manages('t1')).toBe(false);
    expect(result.current.led).toEqual(['g2', 'g3']);
    expect(result.current.leads('g2')).toBe(true);
    expect(result.current.leads('g1')).toBe(false);
    expect(result.current.leads(null)).toBe(false);
    expect(seen).toEqual(['/api/v1/me/memberships?limit=200 a-u', '/api/v1/me/memberships?limit=200&cursor=1 a-u']);

    // Other pages share the cached answer: `led` is narrowed to the groups asked about, no new request.
    const narrowed = renderHook(() => useLeadership(['g1', 'g3', undefined]), { wrapper });
    expect(narrowed.result.current.ready).toBe(true);
    expect(narrowed.result.current.led).toEqual(['g3']);
    expect(seen).toHaveLength(2);
    unbind();
  });

  it('asks nothing for coordinators of the whole installation or signed-out visitors', async () => {
    const seen = stubApi({});
    const { wrapper, unbind } = setup();
    const anonymous = renderHook(() => useLeadership(), { wrapper });
    expect(anonymous.result.current).toMatchObject({ ready: true, led: [] });
    expect(anonymous.result.current.manages('t1')).toBe(false);
    expect(anonymous.result.current.leads('g1')).toBe(false);
    act(() => signInAs('k', 'coordinator'));
    expect(anonymous.result.current).toMatchObject({ ready: true, led: [] });
    expect([anonymous.result.current.manages('t1'), anonymous.result.current.manages(null)]).toEqual([true, true]);
    expect(seen).toEqual([]);
    unbind();
  });

  it('narrows a coordinator of some territories to them, who still leads groups elsewhere', async () => {
    signInAs('c', 'coordinator', { whole_installation: false, territory_ids: ['ostrava'] });
    stubApi({ 'a-c': [{ items: [membership('krumlov-group', 'leader')] }] });
    const { wrapper, unbind } = setup();
    const { result } = renderHook(() => useLeadership(), { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect([result.current.manages('ostrava'), result.current.manages('krumlov'), result.current.manages(null)]).toEqual([true, false, false]);
    expect(result.current.leads('krumlov-group')).toBe(true);
    unbind();
  });

  it('starts afresh when the person signs out or in, and when their own membership changes', async () => {
    signInAs('u');
    const pages = {
      'a-u': [{ items: [membership('g1', 'leader')] }],
      'a-v': [{ items: [membership('g2', 'leader')] }],
    };
    const seen = stubApi(pages);
    const { wrapper, queryClient, unbind } = setup();
    const { result } = renderHook(() => useLeadership(), { wrapper });
    await waitFor(() => expect(result.current.led).toEqual(['g1']));

    // A silent token refresh for the same person keeps the cache.
    act(() => session.signIn({ access_token: 'a-u', refresh_token: 'r-u2', token_type: 'Bearer', expires_in: 900, user: person('u') } as never));
    expect(result.current.led).toEqual(['g1']);
    expect(seen).toHaveLength(1);

    act(() => session.clear());
    expect(result.current).toMatchObject({ ready: true, led: [] });
    expect(queryClient.getQueryData(membershipKeys.of('u'))).toBeUndefined();
    // The hook still on screen at sign-out asks once more as the anonymous visitor (and is refused).
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(seen[1]).toBe('/api/v1/me/memberships?limit=200 ');

    act(() => signInAs('v'));
    await waitFor(() => expect(result.current.led).toEqual(['g2']));

    // The person leaves g2 (or is made an ordinary member): the memberships are read again.
    pages['a-v'] = [{ items: [membership('g2', 'member')] }];
    await act(() => invalidateMyMemberships(queryClient));
    await waitFor(() => expect(result.current.led).toEqual([]));
    expect(seen.map((s) => s.split(' ')[1])).toEqual(['a-u', '', 'a-v', 'a-v']);
    unbind();
  });
});
