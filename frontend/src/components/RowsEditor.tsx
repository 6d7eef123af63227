//! An editable list of rows (a measure's indicators and funding, a meeting's agenda, guests and
//! resolutions): each row a numbered group of fields with its remove button, an add button below.
//! Focus follows the change: to a new row's first field, to the add button after a removal, and it
//! stays with the moved row's button after a move.
import type { ReactNode } from 'react';
import { focusLater, move, type Row } from '../lib/rows';

interface Props<R extends Row> {
  rows: R[];
  onChange: (rows: R[]) => void;
  /** The legend of row `n` (from 1), also read out after each of the row's buttons. */
  legend: (n: number) => string;
  /** Shown while there are no rows. */
  empty: string;
  /** An error about the whole list, shown while it is empty; `errorId` links it to the add button. */
  error?: string[] | undefined;
  errorId?: string;
  add: {
    id: string;
    label: string;
    /** The new row (it may follow the last one: the next year, the same source). */
    row: (rows: R[]) => R;
    /** The `data-focus` of the new row's first field, which gets focus. */
    focus: (row: R) => string;
  };
  removeLabel: string;
  /** Up and down buttons, for a list whose order matters; `id` names the row's buttons. */
  reorder?: { up: string; down: string; id: (row: R) => string };
  /** Rows may be neither added nor removed (a measure of an approved plan). */
  locked?: boolean;
  /** The row's fields; `setRow` changes some of them. */
  children: (row: R, index: number, setRow: (patch: Partial<R>) => void) => ReactNode;
}

export function RowsEditor<R extends Row>({ rows, onChange, legend, empty, error, errorId, add, removeLabel, reorder, locked, children }: Props<R>) {
  const listError = rows.length === 0 ? error : undefined;
  const setRow = (key: number, patch: Partial<R>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <>
      {listError && (
        <p className="field-error" id={errorId}>
          {listError.join(' ')}
        </p>
      )}
      {rows.length === 0 && <p className="muted">{empty}</p>}
      <ol className="edit-rows">
        {rows.map((row, i) => {
          const name = legend(i + 1);
          const remove = (
            <RemoveRowButton
              label={removeLabel}
              row={name}
              onRemove={() => {
                onChange(rows.filter((x) => x.key !== row.key));
                focusLater(`#${add.id}`);
              }}
            />
          );
          const moveBy = (delta: -1 | 1) => {
            onChange(move(rows, i, delta));
            // At the top or bottom its button is disabled: keep the keyboard on the other one.
            const to = i + delta;
            const edge = to === 0 ? 'down' : to === rows.length - 1 ? 'up' : delta < 0 ? 'up' : 'down';
            focusLater(`#${reorder!.id(row)}-${edge}`);
          };
          return (
            <li key={row.key}>
              <fieldset className="row-fieldset">
                <legend>{name}</legend>
                {children(row, i, (patch) => setRow(row.key, patch))}
                {reorder ? (
                  <div className="actions">
                    <RowButton id={`${reorder.id(row)}-up`} label={reorder.up} row={name} disabled={i === 0} onClick={() => moveBy(-1)} />
                    <RowButton id={`${reorder.id(row)}-down`} label={reorder.down} row={name} disabled={i === rows.length - 1} onClick={() => moveBy(1)} />
                    {!locked && remove}
                  </div>
                ) : (
                  !locked && remove
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!locked && (
        <button
          type="button"
          id={add.id}
          aria-describedby={listError ? errorId : undefined}
          className="btn btn-secondary btn-small"
          onClick={() => {
            const row = add.row(rows);
            onChange([...rows, row]);
            focusLater(`[data-focus="${add.focus(row)}"]`);
          }}
        >
          {add.label}
        </button>
      )}
    </>
  );
}

/** A button of one row; its hidden suffix names the row for screen readers. */
function RowButton({ id, label, row, disabled, onClick }: { id?: string; label: string; row: string; disabled?: boolean; onClick: () => void }) {
  return (
    <button type="button" id={id} className="btn btn-ghost btn-small" disabled={disabled} onClick={onClick}>
      {label}
      <span className="visually-hidden"> – {row}</span>
    </button>
  );
}

/** The button that removes one row (also of a list nested in a row, like an indicator's values). */
export function RemoveRowButton({ label, row, onRemove }: { label: string; row: string; onRemove: () => void }) {
  return <RowButton label={label} row={row} onClick={onRemove} />;
}
