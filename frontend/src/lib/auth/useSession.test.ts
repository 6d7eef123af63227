import { describe, expect, it } from 'vitest';
import type { SessionUser } from './session';
import { canManageTerritory, managesEverywhere } from './useSession';

const user = (role: SessionUser['role'], whole_installation: boolean, territory_ids: string[] = []) =>
  ({ id: 'u', role, manages: { whole_installation, territory_ids } }) as SessionUser;

describe('canManageTerritory', () => {
  it('lets admins and coordinators of the whole installation manage every territory and none', () => {
    for (const who of [user('admin', true), user('coordinator', true)]) {
      expect([canManageTerritory(who, 'ostrava'), canManageTerritory(who, null), managesEverywhere(who)]).toEqual([true, true, true]);
    }
  });

  it('narrows other coordinators to the territories the API lists for them', () => {
    const ostrava = user('coordinator', false, ['msk', 'ostrava']);
    expect(canManageTerritory(ostrava, 'ostrava')).toBe(true);
    expect(canManageTerritory(ostrava, 'krumlov')).toBe(false);
    expect(canManageTerritory(ostrava, null)).toBe(false);
    expect(managesEverywhere(ostrava)).toBe(false);
  });

  it('gives members and visitors nothing, whatever they are sent', () => {
    expect(canManageTerritory(user('member', true, ['ostrava']), 'ostrava')).toBe(false);
    expect(canManageTerritory(null, 'ostrava')).toBe(false);
  });
});
