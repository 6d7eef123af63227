//! Rows of an editable list (indicators, funding, agenda, guests, resolutions): their keys, their
//! order, and where focus goes when one is added, moved or removed.

/** A row as typed, with a key of its own for React (rows have no id until saved). */
export interface Row {
  key: number;
}

let next = 1;
/** A stable React key for a row that has no id of its own. */
export const rowKey = () => next++;

/** Moves item `index` by `delta` (−1 up, +1 down); out-of-range moves return the list unchanged. */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

/** Sends focus to `selector` once React has rendered the change (a removed row's button is gone). */
export function focusLater(selector: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}
