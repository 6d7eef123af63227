//! A select of territories, in tree order and labelled with their way down ("Kraj › ORP"). Placed
//! in a Field, it receives the Field's id and aria attributes and passes them to its select.
import { useQuery } from '@tanstack/react-query';
import type { SelectHTMLAttributes } from 'react';
import { useI18n } from '../../../i18n';
import { canManageTerritory, useSession } from '../../../lib/auth/useSession';
import { territoriesQuery, withPaths } from '../api/territories';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (territoryId: string) => void;
  /** Offer only the territories the signed-in coordinator manages (the forms of plans and groups). */
  managed?: boolean;
  /** The label of the empty choice: none, every territory, or a prompt to choose one (`required`). */
  empty: string;
};

export function TerritorySelect({ value, onChange, managed = false, empty, ...select }: Props) {
  const { lang } = useI18n();
  const { user } = useSession();
  const territories = useQuery(territoriesQuery());
  const choices = withPaths(territories.data ?? [], lang).filter(
    ({ territory }) => !managed || canManageTerritory(user, territory.id),
  );
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)} aria-busy={territories.isPending || undefined}>
      <option value="">{empty}</option>
      {choices.map(({ territory, path }) => (
        <option key={territory.id} value={territory.id}>
          {path}
        </option>
      ))}
    </select>
  );
}
