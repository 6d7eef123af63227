import { describe, expect, it } from 'vitest';
import { kindLabel, type ServiceKind } from './services';

const kinds: ServiceKind[] = [
  { code: 'pecovatelska_sluzba', paragraph: '§40', name: 'pečovatelská služba', group: 'care' } as ServiceKind,
  { code: 'odborne_socialni_poradenstvi', paragraph: '§37', name: 'odborné sociální poradenství', group: 'counselling' } as ServiceKind,
];

describe('kindLabel', () => {
  it('names the kind as the Act does, with its paragraph', () => {
    expect(kindLabel(kinds, 'pecovatelska_sluzba')).toBe('pečovatelská služba (§40)');
    expect(kindLabel(kinds, 'odborne_socialni_poradenstvi')).toBe('odborné sociální poradenství (§37)');
  });

  it('has no label for a related activity or an unknown kind', () => {
    expect(kindLabel(kinds, null)).toBeNull();
    expect(kindLabel(kinds, 'neznamy_druh')).toBeNull();
  });
});
