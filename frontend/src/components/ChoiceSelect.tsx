//! A select of one value from a code list (roles, statuses, funding sources, stakeholders), each
//! option labelled by the message `<labels>.<value>`. Placed in a Field, it receives the Field's
//! id and aria attributes and passes them to its select.
import type { SelectHTMLAttributes } from 'react';
import { useT } from '../i18n';

type Props<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  choices: readonly T[];
  /** The message prefix of the options' labels, e.g. `memberRole` for `memberRole.leader`. */
  labels: string;
  value: T;
  onChange: (value: T) => void;
};

export function ChoiceSelect<T extends string>({ choices, labels, value, onChange, ...select }: Props<T>) {
  const t = useT();
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {choices.map((c) => (
        <option key={c} value={c}>
          {t(`${labels}.${c}`)}
        </option>
      ))}
    </select>
  );
}
