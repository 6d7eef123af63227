//! The button that removes one row of an editor list; its hidden suffix names the row for screen readers.

/** Sends focus to `selector` once React has rendered the change (the removed row's button is gone). */
export function focusLater(selector: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

export function RemoveRowButton({ label, row, onRemove }: { label: string; row: string; onRemove: () => void }) {
  return (
    <button type="button" className="btn btn-ghost btn-small" onClick={onRemove}>
      {label}
      <span className="visually-hidden"> – {row}</span>
    </button>
  );
}
