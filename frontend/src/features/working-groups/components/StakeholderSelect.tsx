//! The choice of a participant's stakeholder role (members of a group, guests of a meeting).
//! Placed in a Field, it receives the Field's id and aria attributes and passes them to its select.
import type { SelectHTMLAttributes } from 'react';
import { useT } from '../../../i18n';
import { STAKEHOLDERS, type Stakeholder } from '../api/groups';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: Stakeholder;
  onChange: (stakeholder: Stakeholder) => void;
};

export function StakeholderSelect({ value, onChange, ...field }: Props) {
  const t = useT();
  return (
    <select {...field} value={value} onChange={(e) => onChange(e.target.value as Stakeholder)}>
      {STAKEHOLDERS.map((s) => (
        <option key={s} value={s}>
          {t(`stakeholderOne.${s}`)}
        </option>
      ))}
    </select>
  );
}
