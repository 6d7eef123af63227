import { useT } from '../i18n';

/** A labelled progress bar; the percentage is also written as text, never colour alone. */
export function ProgressBar({ value, label }: { value: number | null | undefined; label: string }) {
  const t = useT();
  if (value === null || value === undefined) return null;
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text">{t('common.percent', { value: pct })}</span>
    </div>
  );
}
