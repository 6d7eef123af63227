//! One edit form: its values (reset whenever the loaded entity changes), its submit, and what a
//! failed submit left (field errors, the 412 conflict, the summary above the form).
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useSubmit } from './useSubmit';

type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

interface Options<V, E> {
  /** The entity being edited as last loaded; undefined while it loads, or for a new one. */
  entity: E | undefined;
  /** The form's values for `entity` (or the blank form). Module-level, so it keeps its identity. */
  toValues: (entity: E | undefined) => V;
  /** Fields the form shows: errors at other fields are listed above the form. */
  fields: readonly string[];
  /** Loads the entity again (its query's `refetch`), after someone else saved it meanwhile. */
  refetch?: () => Promise<unknown>;
}

export function useForm<V, E = never>({ entity, toValues, fields, refetch }: Options<V, E>) {
  const submit = useSubmit();
  const loaded = useMemo(() => toValues(entity), [toValues, entity]);
  // Edits are kept with the entity they were made to: a newly loaded entity starts the form afresh,
  // with no effect and no state set during render.
  const [draft, setDraft] = useState<{ of: E | undefined; values: V } | null>(null);
  const values = draft && draft.of === entity ? draft.values : loaded;

  const setValues = (change: (values: V) => V) =>
    setDraft((d) => ({ of: entity, values: change(d && d.of === entity ? d.values : loaded) }));
  const update = (patch: Partial<V>) => setValues((v) => ({ ...v, ...patch }));

  return {
    values,
    setValues,
    update,
    /** The change handler of a text input, text area, select or radio button bound to `key`. */
    field: (key: TextKey<V>) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      update({ [key]: e.target.value } as Partial<V>),
    /** The form's onSubmit: runs `save` with the current values, one submit at a time. */
    onSubmit: (save: (values: V) => Promise<void>) => (e: FormEvent) => {
      e.preventDefault();
      void submit.run(() => save(values));
    },
    busy: submit.busy,
    error: submit.error,
    errors: submit.errors,
    conflict: submit.conflict,
    fields,
    /** After a 412: the entity as saved now, and the form showing it. */
    reloadLatest: async () => {
      submit.clear();
      await refetch?.();
      setDraft(null);
    },
  };
}

export type Form = Pick<ReturnType<typeof useForm>, 'error' | 'conflict' | 'fields' | 'reloadLatest'>;
