//! The live region that announces whether a copy to the clipboard worked.
import type { CopyResult } from '../lib/useCopy';

export function CopyStatus({ result, copied, failed }: { result: CopyResult; copied: string; failed: string }) {
  // Always present, so the result is announced when it appears.
  return (
    <div role="status">
      {result && <p className={result === 'failed' ? 'field-error' : undefined}>{result === 'copied' ? copied : failed}</p>}
    </div>
  );
}
