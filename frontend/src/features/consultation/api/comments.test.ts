import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../lib/auth/session';
import { isOwnEditable, type Comment } from './comments';

const comment = (authorId: string | null, resolution: Comment['resolution'] = null) =>
  ({ id: 'c', body: 'text', version: 1, author: { id: authorId, display_name: 'Věra' }, resolution }) as Comment;
const user = { id: 'u1', role: 'member' } as SessionUser;

describe('isOwnEditable', () => {
  it('offers edit and delete on the signed-in person’s own comment', () => {
    expect(isOwnEditable(comment('u1'), user)).toBe(true);
  });

  it('not on someone else’s, an anonymous one, or to a visitor', () => {
    expect(isOwnEditable(comment('u2'), user)).toBe(false);
    expect(isOwnEditable(comment(null), user)).toBe(false);
    expect(isOwnEditable(comment('u1'), null)).toBe(false);
  });

  it('not once the comment is settled', () => {
    expect(isOwnEditable(comment('u1', 'accepted'), user)).toBe(false);
  });

  it('not to staff on other people’s comments (they moderate, not edit)', () => {
    expect(isOwnEditable(comment('u2'), { id: 'u1', role: 'coordinator' } as SessionUser)).toBe(false);
  });
});
