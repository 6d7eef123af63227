import { describe, expect, it } from 'vitest';
import cs from '../../i18n/cs.json';
import en from '../../i18n/en.json';
import { translate, type Vars } from '../../i18n/translate';
import { ApiError, describeProblem, fieldErrors, toApiError, unmatchedErrors, unwrap, type Problem } from './problem';

const inCzech = (key: string, vars?: Vars) => translate(cs, 'cs', key, vars);
const inEnglish = (key: string, vars?: Vars) => translate(en, 'en', key, vars);

const problem: Problem = {
  type: 'about:blank',
  title: 'Unprocessable',
  status: 422,
  detail: 'invalid',
  errors: [
    { field: 'title', code: 'required', message: 'must not be empty' },
    { field: 'period_end', code: 'before_start', message: 'must not be before period_start' },
    { field: 'indicators[0].name', code: 'required', message: 'must not be empty' },
    { field: 'title', code: 'too_long', message: 'must be at most 300 characters', max: 300 },
    { field: 'parent_goal_id', code: 'invalid', message: 'goals nest one level only' },
    { field: 'progress', code: 'out_of_range', message: 'must be between 0 and 100', min: 0, max: 100 },
  ],
};

describe('fieldErrors', () => {
  it('words each error from its code in Czech, by field and also under the top-level field', () => {
    const e = fieldErrors(problem, inCzech);
    expect(e.title).toEqual(['Toto pole je povinné.', 'Text může mít nejvýše 300 znaků.']);
    expect(e.period_end).toEqual(['Konec nesmí být dříve než začátek.']);
    expect(e['indicators[0].name']).toEqual(['Toto pole je povinné.']);
    expect(e.indicators).toEqual(['Toto pole je povinné.']);
    expect(e.progress).toEqual(['Zadejte číslo od 0 do 100.']);
  });
  it('keeps the message of a rule that has no wording of its own', () => {
    expect(fieldErrors(problem, inCzech).parent_goal_id).toEqual(['goals nest one level only']);
  });
  it('shows a taken value (a 409 naming its field) at the field', () => {
    const taken: Problem = {
      type: 'urn:spoluplan:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'the code 1 is already used by another goal of this plan',
      errors: [{ field: 'code', code: 'duplicate', message: 'the code 1 is already used by another goal of this plan' }],
    };
    expect(fieldErrors(taken, inCzech).code).toEqual(['Tuto hodnotu už má jiný záznam.']);
  });
  it('words a password too easy to guess in Czech, at the field that was sent', () => {
    const weak: Problem = {
      type: 'urn:spoluplan:problem:validation',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'the request is well-formed but some fields are invalid',
      errors: [{ field: 'new_password', code: 'weak_password', message: 'is too easy to guess' }],
    };
    expect(fieldErrors(weak, inCzech).new_password).toEqual([cs['fieldError.weakPassword']]);
    expect(cs['fieldError.weakPassword']).toMatch(/^Heslo je příliš snadné uhodnout/);
    expect(fieldErrors(weak, inEnglish).new_password).toEqual([en['fieldError.weakPassword']]);
  });
  it('words a 409 from its code, and keeps the detail where there is none', () => {
    const frozen: Problem = { type: 'urn:spoluplan:problem:conflict', title: 'Conflict', status: 409, detail: 'the plan is approved; …', code: 'frozen' };
    expect(describeProblem(frozen, inCzech)).toMatch(/^Plán je schválen/);
    expect(describeProblem({ ...frozen, code: null }, inCzech)).toBe('the plan is approved; …');
  });
  it('words them in English too', () => {
    expect(fieldErrors(problem, inEnglish).title).toEqual(['This field is required.', 'Use at most 300 characters.']);
  });
  it('is empty without errors', () => {
    expect(fieldErrors(null, inCzech)).toEqual({});
    expect(fieldErrors({ ...problem, errors: null }, inCzech)).toEqual({});
  });
  it('lists errors the form has no field for', () => {
    expect(unmatchedErrors(problem, ['title', 'period_end', 'parent_goal_id', 'progress'], inCzech)).toEqual([
      'indicators[0].name: Toto pole je povinné.',
    ]);
  });
});

describe('toApiError / unwrap', () => {
  it('keeps a problem body', () => {
    const err = toApiError(problem, new Response(null, { status: 422 }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.problem.errors).toHaveLength(6);
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
