//! fetch with the bearer token and one silent refresh on 401 (single-flight across requests).
import { session, type TokenPair } from '../auth/session';

type Fetch = (input: Request) => Promise<Response>;

let refreshing: Promise<boolean> | null = null;

/** Trades the stored refresh token for a new pair; false (and the session cleared) when refused. */
export function refreshSession(baseFetch: Fetch = (r) => fetch(r)): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.getRefreshToken();
    if (!refreshToken) return false;
    try {
      const res = await baseFetch(
        new Request(new URL('/api/v1/auth/refresh', base()), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refresh_token: refreshToken }),
        }),
      );
      if (res.ok) {
        session.signIn((await res.json()) as TokenPair);
        return true;
      }
      if (res.status === 400 || res.status === 401 || res.status === 403) {
        session.clear(true);
      }
      return false;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function base(): string {
  return typeof window !== 'undefined' && window.location?.origin && window.location.origin !== 'null'
    ? window.location.origin
    : 'http://localhost';
}

function withToken(request: Request, token: string | null): Request {
  if (!token || request.headers.has('authorization')) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

/** The fetch given to openapi-fetch: adds the token, refreshes once on 401 and repeats the request. */
export function createAuthFetch(baseFetch: Fetch = (r) => fetch(r)): Fetch {
  return async (request) => {
    const isAuthCall = new URL(request.url).pathname.startsWith('/api/v1/auth/');
    const retry = request.clone();
    let token = session.getAccessToken();
    if (!token && !isAuthCall && session.getRefreshToken()) {
      // After a reload only the refresh token is left: renew before the first call.
      if (await refreshSession(baseFetch)) token = session.getAccessToken();
    }
    const response = await baseFetch(isAuthCall ? request : withToken(request, token));
    if (response.status !== 401 || isAuthCall || !session.getRefreshToken()) return response;
    if (!(await refreshSession(baseFetch))) return response;
    return baseFetch(withToken(retry, session.getAccessToken()));
  };
}
