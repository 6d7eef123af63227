//! Coordinators add target groups to the code list; the new group's code is suggested from its name.
import { api, type Schemas } from '../../../lib/api/client';
import { useWrite } from '../../../lib/api/mutation';
import { unwrap } from '../../../lib/api/problem';
import { targetGroupsQuery } from '../../../lib/api/targetGroups';
import { fold } from '../../../lib/matching';

/** "Osoby s poruchou autistického spektra" → `osoby_s_poruchou_autistickeho_spektra` (as the API's codes are made). */
export function suggestCode(name: string): string {
  return fold(name)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_')
    .slice(0, 80)
    .replace(/_+$/, '');
}

export const useCreateTargetGroup = () =>
  useWrite(
    (body: Schemas['TargetGroupCreate']) => unwrap(api.POST('/api/v1/target-groups', { body })),
    (queryClient) => queryClient.invalidateQueries({ queryKey: targetGroupsQuery().queryKey }),
  );
