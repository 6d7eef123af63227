//! Copying a text to the clipboard, with its result kept for an announcement.
import { useCallback, useState } from 'react';

export type CopyResult = 'copied' | 'failed' | null;

/**
 * `copy(text, fallback)` writes to the clipboard; where there is none (no permission, an insecure
 * origin) `fallback` runs, e.g. to select the text for a manual copy, and the result is `failed`.
 */
export function useCopy() {
  const [result, setResult] = useState<CopyResult>(null);
  const copy = useCallback(async (text: string, fallback: () => void) => {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      fallback();
      setResult('failed');
    }
  }, []);
  return { result, copy, reset: useCallback(() => setResult(null), []) };
}
