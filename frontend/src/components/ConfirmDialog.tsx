//! A modal confirmation on the native <dialog> (focus trap, Escape and inert background for free).
import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n';

interface Props {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Confirming is not possible yet (the body says why). */
  confirmDisabled?: boolean;
  children: React.ReactNode;
}

export function ConfirmDialog({ open, title, confirmLabel, onConfirm, onCancel, busy, confirmDisabled, children }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" onCancel={onCancel} onClose={() => open && onCancel()}>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy || confirmDisabled}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
