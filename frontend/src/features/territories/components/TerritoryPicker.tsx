//! A picker of several territories (where a service serves), searchable and keyboard-usable
//! (Combobox), each labelled with its way down ("Jihočeský kraj › ORP Český Krumlov").
import { useQuery } from '@tanstack/react-query';
import { useState, type InputHTMLAttributes } from 'react';
import { Combobox, filterOptions, type Option } from '../../../components/Combobox';
import { useI18n } from '../../../i18n';
import { territoriesQuery, withPaths } from '../api/territories';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
};

export function TerritoryPicker({ value, onChange, label, ...input }: Props) {
  const { lang } = useI18n();
  const territories = useQuery(territoriesQuery());
  const [text, setText] = useState('');
  const options: Option[] = withPaths(territories.data ?? [], lang).map(({ territory, path }) => ({ value: territory.id, label: path }));
  const selected = value.map((id) => options.find((o) => o.value === id) ?? { value: id, label: '…' });
  return (
    <Combobox
      {...input}
      label={label}
      options={filterOptions(options, text)}
      selected={selected}
      onChange={(picked) => onChange(picked.map((o) => o.value))}
      onSearch={setText}
      loading={territories.isPending}
    />
  );
}
