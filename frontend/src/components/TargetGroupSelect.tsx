//! A picker of target groups (cílové skupiny) by name, searchable and keyboard-usable (Combobox),
//! holding their codes: for the measure form and every other form that names target groups.
import { useQuery } from '@tanstack/react-query';
import { useState, type InputHTMLAttributes } from 'react';
import { targetGroupsQuery } from '../lib/api/targetGroups';
import { Combobox, filterOptions, type Option } from './Combobox';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string[];
  onChange: (codes: string[]) => void;
  label: string;
};

export function TargetGroupSelect({ value, onChange, label, ...input }: Props) {
  const groups = useQuery(targetGroupsQuery());
  const [text, setText] = useState('');
  const options: Option[] = (groups.data ?? []).map((g) => ({ value: g.code, label: g.name }));
  // A code the list does not hold (yet) is still shown, by its code, so it can be removed.
  const selected = value.map((code) => options.find((o) => o.value === code) ?? { value: code, label: code });
  return (
    <Combobox
      {...input}
      label={label}
      options={filterOptions(options, text)}
      selected={selected}
      onChange={(picked) => onChange(picked.map((o) => o.value))}
      onSearch={setText}
      loading={groups.isPending}
    />
  );
}
