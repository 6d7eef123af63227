//! Labelled form fields (one input, a group of choices, a checkbox) with hint and server-side
//! errors wired to aria-describedby.
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  required?: boolean;
  requiredText?: string;
  children: ReactElement<Record<string, unknown>>;
}

/** Ids of the hint and error paragraphs (when present) and the aria-describedby naming both. */
function describe(id: string, hint: string | undefined, errors: string[] | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function HintAndError({ hint, hintId, errors, errorId }: { hint?: string; hintId?: string; errors?: string[]; errorId?: string }) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors!.join(' ')}
        </p>
      )}
    </>
  );
}

export function Field({ label, hint, errors, required, requiredText, children }: FieldProps) {
  const id = useId();
  const { hintId, errorId, describedBy } = describe(id, hint, errors);
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && requiredText ? <span className="required"> ({requiredText})</span> : null}
      </label>
      <HintAndError hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
      {cloneElement(children, {
        id,
        required,
        'aria-describedby': describedBy,
        'aria-invalid': errors?.length ? true : undefined,
      })}
    </div>
  );
}

/** Radio buttons or checkboxes under one legend; the group is described by its hint and errors. */
export function Fieldset({
  legend,
  hint,
  errors,
  disabled,
  children,
}: {
  legend: string;
  hint?: string;
  errors?: string[] | undefined;
  disabled?: boolean;
  children: ReactNode;
}) {
  const { hintId, errorId, describedBy } = describe(useId(), hint, errors);
  return (
    <fieldset className={`radio-group${errors?.length ? ' field-invalid' : ''}`} disabled={disabled} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <HintAndError hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
      {children}
    </fieldset>
  );
}

/** One checkbox with its label beside it, described by its hint and errors. */
export function CheckboxField({
  label,
  hint,
  errors,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const { hintId, errorId, describedBy } = describe(id, hint, errors);
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={describedBy}
          aria-invalid={errors?.length ? true : undefined}
        />{' '}
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}
