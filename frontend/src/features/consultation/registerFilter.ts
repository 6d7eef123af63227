//! Client-side filtering of the settlement register (the whole register is one answer).
import type { Schemas } from '../../lib/api/client';

type Entry = Schemas['RegisterEntry'];

export interface RegisterFilter {
  state: 'all' | 'unsettled' | Schemas['Resolution'];
  target: 'all' | Schemas['TargetType'];
  text: string;
}

export function filterEntries(entries: Entry[], f: RegisterFilter): Entry[] {
  const needle = f.text.trim().toLocaleLowerCase('cs');
  return entries.filter((e) => {
    if (f.state === 'unsettled' && e.resolution) return false;
    if (f.state !== 'all' && f.state !== 'unsettled' && e.resolution !== f.state) return false;
    if (f.target !== 'all' && e.target.type !== f.target) return false;
    if (needle) {
      const hay = `${e.body ?? ''} ${e.author.display_name} ${e.target.title} ${e.target.code ?? ''}`.toLocaleLowerCase('cs');
      if (!hay.includes(needle)) return false;
    }
    return true;
  });
}
