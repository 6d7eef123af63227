import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session';
import { createAuthFetch } from './fetch';

const user = { id: 'u1', email: 'k@example.cz', display_name: 'K', role: 'coordinator', is_active: true, created_at: '', updated_at: '', version: 1 };
const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 900, user });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  session.clear();
  sessionStorage.clear();
});

describe('createAuthFetch', () => {
  it('sends the access token', async () => {
    session.signIn(pair(1) as never);
    const base = vi.fn(async (r: Request) => json({ auth: r.headers.get('authorization') }));
    const res = await createAuthFetch(base)(new Request('http://localhost/api/v1/plans'));
    expect(await res.json()).toEqual({ auth: 'Bearer access-1' });
  });

  it('refreshes once on 401 and repeats the request with its body', async () => {
    session.signIn(pair(1) as never);
    const seen: string[] = [];
    const base = vi.fn(async (r: Request) => {
      const path = new URL(r.url).pathname;
      seen.push(`${path} ${r.headers.get('authorization') ?? ''}`);
      if (path === '/api/v1/auth/refresh') {
        expect(await r.json()).toEqual({ refresh_token: 'refresh-1' });
        return json(pair(2));
      }
      if (r.headers.get('authorization') === 'Bearer access-1') return json({ title: 'expired', status: 401 }, 401);
      return json({ body: await r.text() }, 201);
    });
    const f = createAuthFetch(base);
    const res = await f(new Request('http://localhost/api/v1/plans', { method: 'POST', body: '{"title":"x"}' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ body: '{"title":"x"}' });
    expect(seen).toEqual(['/api/v1/plans Bearer access-1', '/api/v1/auth/refresh ', '/api/v1/plans Bearer access-2']);
    expect(session.getRefreshToken()).toBe('refresh-2');
  });

  it('shares one refresh between concurrent 401s', async () => {
    session.signIn(pair(1) as never);
    let refreshes = 0;
    const base = vi.fn(async (r: Request) => {
      if (new URL(r.url).pathname === '/api/v1/auth/refresh') {
        refreshes += 1;
        return json(pair(2));
      }
      return r.headers.get('authorization') === 'Bearer access-2' ? json({}) : json({}, 401);
    });
    const f = createAuthFetch(base);
    const results = await Promise.all([1, 2, 3].map(() => f(new Request('http://localhost/api/v1/me'))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refreshes).toBe(1);
  });

  it('signs out, marked expired, when the refresh token is refused', async () => {
    session.signIn(pair(1) as never);
    const base = vi.fn(async (r: Request) =>
      new URL(r.url).pathname === '/api/v1/auth/refresh' ? json({ status: 401, title: 'no' }, 401) : json({}, 401),
    );
    const res = await createAuthFetch(base)(new Request('http://localhost/api/v1/me'));
    expect(res.status).toBe(401);
    expect(session.getState()).toEqual({ user: null, expired: true });
    expect(session.getRefreshToken()).toBeNull();
  });

  it('renews first after a reload left only the refresh token', async () => {
    sessionStorage.setItem('spoluplan.refresh', 'refresh-9');
    const base = vi.fn(async (r: Request) =>
      new URL(r.url).pathname === '/api/v1/auth/refresh' ? json(pair(10)) : json({ auth: r.headers.get('authorization') }),
    );
    const res = await createAuthFetch(base)(new Request('http://localhost/api/v1/plans'));
    expect(await res.json()).toEqual({ auth: 'Bearer access-10' });
    expect(session.getState().user?.display_name).toBe('K');
  });

  it('leaves anonymous requests alone', async () => {
    const base = vi.fn(async (r: Request) => json({ auth: r.headers.get('authorization') }, 401));
    const res = await createAuthFetch(base)(new Request('http://localhost/api/v1/plans'));
    expect(res.status).toBe(401);
    expect(base).toHaveBeenCalledTimes(1);
  });
});
