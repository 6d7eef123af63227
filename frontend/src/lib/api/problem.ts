//! RFC 9457 problem details from the API, and their per-field errors for forms.
import type { Vars } from '../../i18n/translate';
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];
type Translate = (key: string, vars?: Vars) => string;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title);
    this.status = status;
    this.problem = problem;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** Turns whatever openapi-fetch returned as `error` (plus the response) into an ApiError. */
export function toApiError(error: unknown, response: Response | undefined): ApiError {
  const status = response?.status ?? 0;
  if (isProblem(error)) return new ApiError(status || error.status, error);
  const text = typeof error === 'string' ? error : '';
  return new ApiError(status, { type: 'about:blank', title: response?.statusText || 'Error', status, detail: text });
}

/**
 * Unwraps an openapi-fetch result: the data, or a thrown ApiError.
 * Network failures (fetch rejects) propagate as they are.
 */
export async function unwrap<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok || error !== undefined) throw toApiError(error, response);
  return data as T;
}

/** A catalogue key for an API code: camelCase (and `_many` would read as a plural form). */
const keyOf = (prefix: string, code: string) => `${prefix}.${code.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`;

/**
 * A problem's own sentence in the reader's language: a 409 worded from its `code` (frozen,
 * lifecycle, public record, …); otherwise, or for a code with no wording, the server's `detail`.
 */
export function describeProblem(problem: Problem, t: Translate): string {
  const key = problem.code ? keyOf('conflict', problem.code) : null;
  const text = key ? t(key) : null;
  return text && text !== key ? text : problem.detail || problem.title;
}

/**
 * A field error in the reader's language, worded from its `code` (with its `min`/`max`). A rule
 * with no wording of its own (`invalid`) keeps its message, as do errors the app itself made in
 * the reader's language.
 */
export function describeFieldError(error: FieldError, t: Translate): string {
  const key = keyOf('fieldError', error.code);
  const text = t(key, { min: error.min ?? '', max: error.max ?? '' });
  return text === key ? error.message : text;
}

/**
 * Maps `errors: [{field, code, message}]` to form fields, worded for the reader. A nested field
 * (`period.end`, `indicators[0].name`) is also reported at its top-level field, so a form that has
 * only that input still shows it.
 */
export function fieldErrors(problem: Problem | null | undefined, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of problem?.errors ?? []) {
    const keys = new Set([error.field, error.field.split(/[.[]/)[0] ?? error.field]);
    for (const key of keys) (out[key] ??= []).push(describeFieldError(error, t));
  }
  return out;
}

/** Errors whose field matches none of `known` (to show above the form rather than lose them). */
export function unmatchedErrors(problem: Problem | null | undefined, known: readonly string[], t: Translate): string[] {
  return (problem?.errors ?? [])
    .filter(({ field }) => !known.includes(field) && !known.includes(field.split(/[.[]/)[0] ?? field))
    .map((error) => `${error.field}: ${describeFieldError(error, t)}`);
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}
