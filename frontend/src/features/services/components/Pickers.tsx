//! The measure form's pickers of the services a measure develops and of the organizations
//! responsible for it or partnering in it: searched on the server by name as one types (the
//! national register holds thousands), holding ids, their picked items named from their own pages.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useState, type InputHTMLAttributes } from 'react';
import { Combobox, filterOptions, type Option } from '../../../components/Combobox';
import { useT } from '../../../i18n';
import { useDebounced } from '../../../lib/useDebounced';
import {
  kindLabel,
  organizationQuery,
  organizationSearchQuery,
  serviceKindsQuery,
  serviceQuery,
  serviceSearchQuery,
} from '../api/services';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
};

/** The picked ids as options, named from their own pages once loaded (from the candidates until then). */
function picked(ids: string[], names: (string | undefined)[], candidates: Option[], loading: string): Option[] {
  return ids.map((id, i) => ({ value: id, label: names[i] ?? candidates.find((o) => o.value === id)?.label ?? loading }));
}

export function ServicePicker({ value, onChange, label, ...input }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const search = useQuery({ ...serviceSearchQuery(useDebounced(text.trim())), placeholderData: keepPreviousData });
  const kinds = useQuery(serviceKindsQuery()).data ?? [];
  const options: Option[] = (search.data ?? []).map((s) => ({
    value: s.id,
    label: s.name,
    detail: `${kindLabel(kinds, s.kind_code) ?? t('services.relatedActivity')} · ${s.organization_name}`,
  }));
  const names = useQueries({ queries: value.map((id) => serviceQuery(id)) }).map((q) => q.data?.name);
  const selected = picked(value, names, options, t('common.loading'));
  return (
    <Combobox
      {...input}
      label={label}
      // The previous answer stays while the next is on its way, narrowed to what is typed meanwhile.
      options={filterOptions(options, text)}
      selected={selected}
      onChange={(picked) => onChange(picked.map((o) => o.value))}
      onSearch={setText}
      loading={search.isFetching}
    />
  );
}

export function OrganizationPicker({ value, onChange, label, single = false, ...input }: Props & { single?: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const search = useQuery({ ...organizationSearchQuery(useDebounced(text.trim())), placeholderData: keepPreviousData });
  const options: Option[] = (search.data ?? []).map((o) => ({ value: o.id, label: o.name, detail: o.ico ? `IČO ${o.ico}` : undefined }));
  const names = useQueries({ queries: value.map((id) => organizationQuery(id)) }).map((q) => q.data?.name);
  const selected = picked(value, names, options, t('common.loading'));
  return (
    <Combobox
      {...input}
      label={label}
      single={single}
      // The previous answer stays while the next is on its way, narrowed to what is typed meanwhile.
      options={filterOptions(options, text)}
      selected={selected}
      onChange={(picked) => onChange(picked.map((o) => o.value))}
      onSearch={setText}
      loading={search.isFetching}
    />
  );
}
