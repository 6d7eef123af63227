//! A select of the kinds of social service of Act 108/2006, grouped as the Act groups them
//! (counselling, care, prevention), each with its paragraph; the empty choice is `empty`. Placed in
//! a Field, it receives the Field's id and aria attributes.
import { useQuery } from '@tanstack/react-query';
import type { SelectHTMLAttributes } from 'react';
import { useT } from '../../../i18n';
import { serviceKindsQuery, type ServiceKind } from '../api/services';

const GROUPS: ServiceKind['group'][] = ['counselling', 'care', 'prevention'];

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (code: string) => void;
  empty: string;
};

export function ServiceKindSelect({ value, onChange, empty, ...select }: Props) {
  const t = useT();
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {GROUPS.map((group) => (
        <optgroup key={group} label={t(`serviceGroup.${group}`)}>
          {kinds
            .filter((k) => k.group === group)
            .map((k) => (
              <option key={k.code} value={k.code}>
                {k.name} ({k.paragraph})
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}
