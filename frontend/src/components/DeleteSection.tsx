//! A page's "delete this" panel: a button that asks first in a dialog, then deletes and leaves for
//! `after` (with the deleted thing's name in the navigation state, for the page there to confirm).
//! A 409 `in_use` (others still depend on it) shows `inUse`, the other errors as problems.
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../lib/api/problem';
import { useSubmit } from '../lib/useSubmit';
import { ConfirmDialog } from './ConfirmDialog';
import { FormErrors } from './FormErrors';

interface Props {
  /** The heading, the button and the dialog's confirmation. */
  label: string;
  question: string;
  explain: string;
  /** What a 409 `in_use` means here, for things others may depend on. */
  inUse?: string;
  name: string;
  after: string;
  remove: () => Promise<unknown>;
}

export function DeleteSection({ label, question, explain, inUse, name, after, remove }: Props) {
  const navigate = useNavigate();
  const headingId = useId();
  const [asking, setAsking] = useState(false);
  const submit = useSubmit();
  const refused = !!inUse && isApiError(submit.error, 409) && submit.error.problem.code === 'in_use';
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{label}</h2>
      {refused ? (
        <div className="notice notice-error" role="alert" tabIndex={-1}>
          <p>{inUse}</p>
        </div>
      ) : (
        <FormErrors error={submit.error} fields={[]} />
      )}
      <button type="button" className="btn btn-secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={asking}
        title={question}
        confirmLabel={label}
        busy={submit.busy}
        onCancel={() => setAsking(false)}
        onConfirm={() =>
          void submit.run(async () => {
            try {
              await remove();
            } finally {
              setAsking(false);
            }
            navigate(after, { state: { deleted: name } });
          })
        }
      >
        <p>{explain}</p>
      </ConfirmDialog>
    </section>
  );
}
