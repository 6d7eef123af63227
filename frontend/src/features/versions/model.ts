//! How a plan diff reads: which catalogue label names a changed field, how its values show, and
//! which versions the plan page offers to compare.
import type { FieldChange, Version } from './api/versions';

/** What a changed field belongs to. */
export type Owner = 'plan' | 'goal' | 'measure';

/** The side of a comparison that is the plan as it is now. */
export const CURRENT = 'current';

/** The catalogue key of each field's label (the edit forms' own labels where they exist). */
const LABELS: Record<Owner, Record<string, string>> = {
  plan: {
    title: 'plan.fields.title',
    territory: 'plan.fields.territory',
    territory_id: 'plan.fields.territory',
    period_start: 'plan.fields.periodStart',
    period_end: 'plan.fields.periodEnd',
    summary: 'plan.fields.summary',
    vision: 'plan.fields.vision',
  },
  goal: {
    code: 'goal.fields.code',
    title: 'goal.fields.title',
    description: 'goal.fields.description',
    parent_goal_id: 'goal.fields.parent',
    working_group_id: 'goal.fields.workingGroup',
    position: 'common.position',
  },
  measure: {
    goal_id: 'goal.title',
    code: 'measure.fields.code',
    title: 'measure.fields.title',
    description: 'measure.fields.description',
    responsible: 'measure.responsible',
    partners: 'measure.partners',
    target_groups: 'measure.targetGroups',
    start_date: 'measure.fields.startDate',
    end_date: 'measure.fields.endDate',
    status: 'measure.fields.status',
    progress: 'measure.fields.progress',
    weight: 'measure.fields.weight',
    estimated_cost: 'measure.fields.estimatedCost',
    funding_sources: 'measure.financing',
    indicators: 'measure.indicators',
    implementation_note: 'measure.fields.implementationNote',
    position: 'common.position',
  },
};

/** The catalogue key naming `field`, or undefined for a field the app has no label for. */
export function labelKey(owner: Owner, field: string): string | undefined {
  const labels = LABELS[owner];
  // Own keys only: a field named like an Object method must not find one.
  return Object.hasOwn(labels, field) ? labels[field] : undefined;
}

/** A value as the diff page shows it. */
export type Shown =
  | { type: 'none' }
  | { type: 'text'; text: string }
  | { type: 'date'; iso: string }
  | { type: 'money'; czk: string }
  | { type: 'measureStatus'; value: string }
  /** A link to another record (a goal, a group, a territory): its id says nothing to a reader. */
  | { type: 'reference' }
  | { type: 'list'; items: Shown[] }
  | { type: 'funding'; year: number; source: string; planned: string }
  | { type: 'indicator'; name: string; unit: string; baseline: number | null; target: number | null }
  | { type: 'data'; json: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How one value of `field` shows; snapshots hold the stored columns, so costs are in haléře. */
export function show(owner: Owner, field: string, value: unknown): Shown {
  if (value === null || value === undefined || value === '') return { type: 'none' };
  if (field.endsWith('_id')) return { type: 'reference' };
  if (owner === 'measure' && field === 'status' && typeof value === 'string') return { type: 'measureStatus', value };
  if (field === 'estimated_cost' && typeof value === 'number') return { type: 'money', czk: (value / 100).toFixed(2) };
  if (typeof value === 'string') return DATE.test(value) ? { type: 'date', iso: value } : { type: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { type: 'text', text: String(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { type: 'none' };
    return { type: 'list', items: value.map((item) => showItem(field, item)) };
  }
  return { type: 'data', json: JSON.stringify(value) };
}

function showItem(field: string, item: unknown): Shown {
  if (typeof item === 'string') return { type: 'text', text: item };
  if (field === 'funding_sources' && isRecord(item) && typeof item.year === 'number' && typeof item.source === 'string') {
    return { type: 'funding', year: item.year, source: item.source, planned: String(item.planned ?? '') };
  }
  if (field === 'indicators' && isRecord(item) && typeof item.name === 'string') {
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return { type: 'indicator', name: item.name, unit: String(item.unit ?? ''), baseline: num(item.baseline), target: num(item.target) };
  }
  return { type: 'data', json: JSON.stringify(item) };
}

/** Whether a change only moves a link from one record to another: both ids say nothing to a reader. */
export function isReassigned(owner: Owner, change: FieldChange): boolean {
  return show(owner, change.field, change.before).type === 'reference' && show(owner, change.field, change.after).type === 'reference';
}

/** Texts longer than this (or of several lines) read better word by word than as "before → after". */
const LONG_TEXT = 60;

/** Whether a change shows as a word-level diff: a text field whose either side is long. */
export function isLongText(change: FieldChange): boolean {
  if (!change.words?.length) return false;
  const long = (v: unknown) => typeof v === 'string' && (v.length > LONG_TEXT || v.includes('\n'));
  return long(change.before) || long(change.after);
}

/** The state each version is compared with by its "next" link: the following version, or the plan now. */
export function nextSide(versions: Version[], index: number): string {
  return versions[index + 1]?.id ?? CURRENT;
}

/**
 * What changed during the consultation: from the version taken when the (last) consultation opened
 * to the version taken at the approval that followed it; null when the plan has not got that far
 * since versions are kept.
 */
export function consultationChanges(versions: Version[]): { from: string; to: string } | null {
  const approvedAt = versions.map((v) => v.status).lastIndexOf('approved');
  const approved = versions[approvedAt];
  const consultation = versions.slice(0, Math.max(approvedAt, 0)).reverse().find((v) => v.status === 'consultation');
  if (approved && consultation) return { from: consultation.id, to: approved.id };
  return null;
}

/** Whether the diff holds no change at all. */
export function isEmptyDiff(diff: {
  plan: unknown[];
  goals: { added: unknown[]; removed: unknown[]; changed: unknown[] };
  measures: { added: unknown[]; removed: unknown[]; changed: unknown[] };
}): boolean {
  const rows = (r: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => r.added.length + r.removed.length + r.changed.length;
  return diff.plan.length === 0 && rows(diff.goals) === 0 && rows(diff.measures) === 0;
}

/** The changes page's address. */
export function changesPath(planId: string, from: string, to: string): string {
  return `/plans/${planId}/changes?${new URLSearchParams({ from, to })}`;
}

/** A changed run's text as [leading spaces, words, trailing spaces]: only the words are marked. */
export function trimRun(text: string): [string, string, string] {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  return m ? [m[1] ?? '', m[2] ?? '', m[3] ?? ''] : ['', text, ''];
}
