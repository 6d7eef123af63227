//! A select of one account among `users`, each shown by name and e-mail, after a first empty
//! choice. Placed in a Field, it receives the Field's id and aria attributes and passes them on.
import type { SelectHTMLAttributes } from 'react';
import type { User } from '../api/users';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  users: User[];
  /** The label of the empty choice ("choose …"). */
  placeholder: string;
  value: string;
  onChange: (userId: string) => void;
};

export function UserSelect({ users, placeholder, value, onChange, ...select }: Props) {
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.display_name} ({u.email})
        </option>
      ))}
    </select>
  );
}
