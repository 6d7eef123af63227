//! The summary above a form after a failed submit: the problem in the reader's words and unmatched field errors.
import { useT } from '../i18n';
import { ApiError, describeProblem, unmatchedErrors } from '../lib/api/problem';

export function FormErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const t = useT();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('errors.network')}</p>
      </div>
    );
  }
  const extra = unmatchedErrors(error.problem, fields, t);
  // A 422, or a 409 that names its field (a code or e-mail already taken): the fields say what is wrong.
  const text =
    error.status === 422 || error.problem.errors?.length
      ? t('errors.validation')
      : error.status === 403
        ? t('errors.forbidden')
        : describeProblem(error.problem, t);
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1}>
      <p>{text}</p>
      {extra.length > 0 && (
        <ul>
          {extra.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
