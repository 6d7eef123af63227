import { useSearchParams } from 'react-router';

/**
 * A page's filters as they stand in its address, and a setter that merges a change into them.
 *
 * The change is merged into the address as it is when the change is made, not as it was when the
 * page last rendered: React Router's own setter reads the params of the last render, and it renders
 * in a transition, so two filters changed in quick succession lost the first.
 * The focus stays on the filter just changed (the shell otherwise moves it to the page).
 */
export function useAddressFilters<F>(read: (params: URLSearchParams) => F, write: (filters: F) => URLSearchParams) {
  const [params, setParams] = useSearchParams();
  const set = (change: Partial<F>) => {
    const current = read(new URLSearchParams(window.location.search));
    setParams(write({ ...current, ...change }), { state: { keepFocus: true } });
  };
  return [read(params), set] as const;
}
