import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrors, toApiError, unmatchedErrors, unwrap } from './problem';

const problem = {
  type: 'about:blank',
  title: 'Unprocessable',
  status: 422,
  detail: 'invalid',
  errors: [
    { field: 'title', message: 'must not be empty' },
    { field: 'period_end', message: 'must not be before period_start' },
    { field: 'indicators[0].name', message: 'required' },
    { field: 'title', message: 'too long' },
  ],
};

describe('fieldErrors', () => {
  it('groups messages by field and also under the top-level field', () => {
    const e = fieldErrors(problem);
    expect(e.title).toEqual(['must not be empty', 'too long']);
    expect(e.period_end).toEqual(['must not be before period_start']);
    expect(e['indicators[0].name']).toEqual(['required']);
    expect(e.indicators).toEqual(['required']);
  });
  it('is empty without errors', () => {
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ ...problem, errors: null })).toEqual({});
  });
  it('lists errors the form has no field for', () => {
    expect(unmatchedErrors(problem, ['title', 'period_end'])).toEqual(['indicators[0].name: required']);
  });
});

describe('toApiError / unwrap', () => {
  it('keeps a problem body', () => {
    const err = toApiError(problem, new Response(null, { status: 422 }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.problem.errors).toHaveLength(4);
  });
  it('wraps a non-problem body', () => {
    const err = toApiError('oops', new Response(null, { status: 502, statusText: 'Bad Gateway' }));
    expect(err.status).toBe(502);
    expect(err.problem.title).toBe('Bad Gateway');
  });
  it('returns data on success and throws on error', async () => {
    await expect(unwrap(Promise.resolve({ data: 1, response: new Response('1') }))).resolves.toBe(1);
    await expect(
      unwrap(Promise.resolve({ error: { ...problem, status: 412, title: 'Precondition Failed' }, response: new Response(null, { status: 412 }) })),
    ).rejects.toMatchObject({ status: 412 });
  });
});
