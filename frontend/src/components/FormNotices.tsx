//! What a failed submit says above a form: on 412 that someone else saved meanwhile (with a reload),
//! otherwise the problem and the errors no field shows.
import type { Form } from '../lib/useForm';
import { ConflictNotice } from './ConflictNotice';
import { FormErrors } from './FormErrors';

export function FormNotices({ form }: { form: Form }) {
  return form.conflict ? (
    <ConflictNotice onReload={() => void form.reloadLatest()} />
  ) : (
    <FormErrors error={form.error} fields={form.fields} />
  );
}
