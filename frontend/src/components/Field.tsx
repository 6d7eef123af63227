//! A labelled form field with hint and server-side errors wired to aria-describedby.
import { cloneElement, useId, type ReactElement } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  required?: boolean;
  requiredText?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, hint, errors, required, requiredText, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && requiredText ? <span className="required"> ({requiredText})</span> : null}
      </label>
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
      {cloneElement(children, {
        id,
        required,
        'aria-describedby': describedBy,
        'aria-invalid': errors?.length ? true : undefined,
      })}
    </div>
  );
}
