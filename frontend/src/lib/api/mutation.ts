//! The shape of every write in the app: a TanStack Query mutation whose success first refreshes
//! what it changed, so that `mutateAsync` resolves once the pages show the new state.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

/** `write` sends the change; `refresh` (given the query client, the answer and what was sent) invalidates what it touched. */
export function useWrite<V, R>(write: (vars: V) => Promise<R>, refresh: (queryClient: QueryClient, saved: R, vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: (saved, vars) => refresh(queryClient, saved, vars) });
}
