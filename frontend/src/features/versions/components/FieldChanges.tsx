import { useI18n } from '../../../i18n';
import type { FieldChange } from '../api/versions';
import { isLongText, isReassigned, labelKey, show, trimRun, type Owner, type Shown } from '../model';

/** One value of a changed field, worded for the reader. */
function Value({ shown }: { shown: Shown }) {
  const { t, formatDate, formatMoney, formatNumber } = useI18n();
  switch (shown.type) {
    case 'none':
      return <em>{t('common.notGiven')}</em>;
    case 'text':
      return <>{shown.text}</>;
    case 'date':
      return <>{formatDate(shown.iso)}</>;
    case 'money':
      return <>{formatMoney(shown.czk)}</>;
    case 'measureStatus':
      return <>{t(`measureStatus.${shown.value}`)}</>;
    case 'reference':
      return <em>{t('versions.otherRecord')}</em>;
    case 'funding':
      return (
        <>
          {shown.year} · {t(`fundingSource.${shown.source}`)} · {formatMoney(shown.planned)}
        </>
      );
    case 'indicator':
      return (
        <>
          {shown.name}
          {shown.unit && ` (${shown.unit})`}: {formatNumber(shown.baseline) || '–'} → {formatNumber(shown.target) || '–'}
        </>
      );
    case 'list':
      return (
        <ul className="diff-list">
          {shown.items.map((item, i) => (
            <li key={i}>
              <Value shown={item} />
            </li>
          ))}
        </ul>
      );
    case 'data':
      return <code className="diff-data">{shown.json}</code>;
  }
}

/** A long text word by word: removed runs struck through, added ones underlined, each also said in words. */
function Words({ words }: { words: NonNullable<FieldChange['words']> }) {
  const { t } = useI18n();
  return (
    <p className="diff-words pre-wrap">
      {words.map((w, i) => {
        if (w.op === 'equal') return <span key={i}>{w.text}</span>;
        const [lead, core, trail] = trimRun(w.text);
        const Mark = w.op === 'delete' ? 'del' : 'ins';
        return (
          <span key={i}>
            {lead}
            <Mark>
              <span className="visually-hidden">[{t(w.op === 'delete' ? 'versions.removed' : 'versions.inserted')}: </span>
              {core}
              <span className="visually-hidden">]</span>
            </Mark>
            {trail}
          </span>
        );
      })}
    </p>
  );
}

/** The changed fields of the plan, a goal or a measure, each under its label. */
export function FieldChanges({ owner, changes }: { owner: Owner; changes: FieldChange[] }) {
  const { t } = useI18n();
  return (
    <dl className="diff-fields">
      {changes.map((c) => {
        const key = labelKey(owner, c.field);
        return (
          <div key={c.field}>
            <dt>{key ? t(key) : c.field}</dt>
            <dd>
              {isLongText(c) && c.words ? (
                <Words words={c.words} />
              ) : isReassigned(owner, c) ? (
                <em>{t('versions.reassigned')}</em>
              ) : (
                <span className="diff-values">
                  <span className="diff-before">
                    <span className="visually-hidden">{t('versions.before')}: </span>
                    <Value shown={show(owner, c.field, c.before)} />
                  </span>{' '}
                  <span aria-hidden="true">→</span>{' '}
                  <span className="diff-after">
                    <span className="visually-hidden">{t('versions.after')}: </span>
                    <Value shown={show(owner, c.field, c.after)} />
                  </span>
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
