import { Suspense, use, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { I18nProvider } from '../i18n';
import { refreshSession } from '../lib/api/fetch';
import { isApiError } from '../lib/api/problem';
import { session } from '../lib/auth/session';
import { bindCacheToSession } from '../lib/auth/sessionCache';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry only transient failures.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});
// When a session ends (sign-out, expiry) or another person signs in, nothing cached stays visible.
bindCacheToSession(queryClient);

// After a reload only the refresh token is left. Pages that ask nothing of the API before knowing
// who is signed in (API keys, users, the forms) would otherwise show their signed-out view and
// stay in it: renew the session once before the first render.
const restoring = session.getRefreshToken() ? refreshSession() : null;

function SessionRestored({ children }: { children: ReactNode }) {
  if (restoring) use(restoring);
  return children;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={null}>
          <SessionRestored>
            <RouterProvider router={router} />
          </SessionRestored>
        </Suspense>
      </QueryClientProvider>
    </I18nProvider>
  );
}
