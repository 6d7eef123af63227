//! A goal's measures as rows (code, linked title, status, gestor, progress): the plan tree and the goal page.
import { Link } from 'react-router';
import { ProgressBar } from './ProgressBar';
import { StatusTag } from './StatusTag';
import { useT } from '../i18n';
import type { Schemas } from '../lib/api/client';

export function MeasureList({ measures, label }: { measures: Schemas['Measure'][]; label: string }) {
  const t = useT();
  return (
    <ul className="measures" aria-label={label}>
      {measures.map((m) => (
        <li key={m.id} className="measure-row">
          <p className="measure-title">
            <span className="code">{m.code}</span> <Link to={`/measures/${m.id}`}>{m.title}</Link>
          </p>
          <p className="meta">
            <StatusTag kind="measure" value={m.status} />
            {m.responsible && (
              <span>
                {' · '}
                {t('measure.responsible')}: {m.responsible}
              </span>
            )}
          </p>
          <ProgressBar value={m.progress} label={t('measure.progressOf', { code: m.code })} />
        </li>
      ))}
    </ul>
  );
}
