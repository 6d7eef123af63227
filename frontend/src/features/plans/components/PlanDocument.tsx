//! The plan as the document a council approves: printable HTML (new tab), Markdown and Word (download).
import { useState } from 'react';
import { FileLink } from '../../../components/FileLink';
import { ErrorMessage } from '../../../components/QueryState';
import { useT } from '../../../i18n';
import { useSession } from '../../../lib/auth/useSession';
import { fileSlug } from '../../../lib/download';
import { exportHref, exportPlan, type ExportFormat, type Plan } from '../api/plans';

export function PlanDocument({ plan }: { plan: Plan }) {
  const t = useT();
  const { user } = useSession();
  const [error, setError] = useState<unknown>(null);
  // The document is rendered for its reader: signed-in people (who see drafts, staff also hidden
  // comments in the annex) get theirs with their token; the public follows a plain link.
  const fetchFile = (format: ExportFormat) => (user ? () => exportPlan(plan.id, format) : undefined);
  return (
    <section aria-labelledby="plan-document">
      <h2 id="plan-document">{t('planDocument.title')}</h2>
      <p>{t('planDocument.intro')}</p>
      <ul className="plain-list">
        <li>
          <FileLink href={exportHref(plan.id, 'html')} delivery="tab" fetchFile={fetchFile('html')} onError={setError}>
            {t('planDocument.print')}
          </FileLink>
        </li>
        <li>
          <FileLink
            href={exportHref(plan.id, 'md')}
            delivery={{ save: `${fileSlug(plan.title)}.md` }}
            fetchFile={fetchFile('md')}
            onError={setError}
          >
            {t('planDocument.markdown')}
          </FileLink>
        </li>
        <li>
          <FileLink
            href={exportHref(plan.id, 'docx')}
            delivery={{ save: `${fileSlug(plan.title)}.docx` }}
            fetchFile={fetchFile('docx')}
            onError={setError}
          >
            {t('planDocument.docx')}
          </FileLink>
        </li>
      </ul>
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
