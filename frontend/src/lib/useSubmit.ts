//! One submit at a time, its error kept for the form (field errors, 412 conflict).
import { useCallback, useState } from 'react';
import { useT } from '../i18n';
import { fieldErrors, isApiError } from './api/problem';

export function useSubmit() {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"], .notice-error') as HTMLElement | null)?.focus());
    } finally {
      setBusy(false);
    }
  }, []);
  return {
    run,
    busy,
    error,
    clear: () => setError(null),
    conflict: isApiError(error, 412),
    errors: fieldErrors(isApiError(error) ? error.problem : null, t),
  };
}
