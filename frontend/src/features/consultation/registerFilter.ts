//! Client-side filtering of the settlement register (the whole register is one answer).
import type { Schemas } from '../../lib/api/client';
import { matches } from '../../lib/matching';

type Entry = Schemas['RegisterEntry'];

export interface RegisterFilter {
  state: 'all' | 'unsettled' | Schemas['Resolution'];
  target: 'all' | Schemas['TargetType'];
  text: string;
}

export function filterEntries(entries: Entry[], f: RegisterFilter): Entry[] {

  return entries.filter((e) => {
    if (f.state === 'unsettled' && e.resolution) return false;
    if (f.state !== 'all' && f.state !== 'unsettled' && e.resolution !== f.state) return false;
    if (f.target !== 'all' && e.target.type !== f.target) return false;
    // Matched as the API's search matches: "vikend" finds "víkend".
    if (!matches(`${e.body ?? ''} ${e.author.display_name} ${e.target.title} ${e.target.code ?? ''}`, f.text)) return false;
    return true;
  });
}
