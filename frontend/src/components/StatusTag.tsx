import { useT } from '../i18n';

/** A status written as a word (translated), with a tone class as a secondary cue. */
export function StatusTag({ kind, value }: { kind: 'plan' | 'measure' | 'meeting' | 'resolution' | 'need'; value: string }) {
  const t = useT();
  return <span className={`tag tag-${kind}-${value}`}>{t(`${kind}Status.${value}`)}</span>;
}
