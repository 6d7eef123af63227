//! The contact fields organizations and services share: address, phone, e-mail and web, each
//! bound to a form's text field of the same name.
import type { ChangeEvent } from 'react';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';

type Key = 'address' | 'phone' | 'email' | 'web';

interface Props {
  values: Record<Key, string>;
  errors: Record<string, string[] | undefined>;
  field: (key: Key) => (e: ChangeEvent<HTMLInputElement>) => void;
}

export function ContactFields({ values, errors, field }: Props) {
  const t = useT();
  return (
    <>
      <Field label={t('services.address')} errors={errors.address}>
        <input type="text" autoComplete="street-address" value={values.address} onChange={field('address')} />
      </Field>
      <div className="field-row">
        <Field label={t('services.phone')} errors={errors.phone}>
          <input type="tel" value={values.phone} onChange={field('phone')} />
        </Field>
        <Field label={t('services.email')} errors={errors.email}>
          <input type="email" value={values.email} onChange={field('email')} />
        </Field>
      </div>
      <Field label={t('services.web')} errors={errors.web}>
        <input type="text" inputMode="url" value={values.web} onChange={field('web')} />
      </Field>
    </>
  );
}
