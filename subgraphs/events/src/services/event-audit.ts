import type { EditableEventFields } from '../store/ports';
import type { EventRecord } from '../store/records';

const show = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** e.g. `created "Spring sale" (2030-03-01T00:00:00.000Z – 2030-03-08T00:00:00.000Z, limit 100, public, active)` */
export function createdSummary(event: EventRecord): string {
  const limit = event.claimLimit === null ? 'unlimited' : `limit ${event.claimLimit}`;
  return `created ${show(event.title)} (${show(event.startsAt)} – ${show(event.endsAt)}, ${limit}, ${event.isPublic ? 'public' : 'hidden'}, ${event.active ? 'active' : 'inactive'}, ${event.rewards.length} reward(s), ${event.challenges.length} challenge(s))`;
}

/**
 * What an edit changes, field by field, against the event as read: e.g.
 * `title "A" → "B"; claimLimit 10 → 20; rewards changed`. Unchanged fields are left out.
 */
export function updateSummary(current: EventRecord, fields: EditableEventFields, claimLimit: number | null | undefined): string {
  const changes: string[] = [];
  for (const name of ['title', 'description', 'startsAt', 'endsAt', 'isPublic', 'active'] as const) {
    if (fields[name] !== undefined && !same(fields[name], current[name])) changes.push(`${name} ${show(current[name])} → ${show(fields[name])}`);
  }
  if (claimLimit !== undefined && claimLimit !== current.claimLimit) changes.push(`claimLimit ${show(current.claimLimit)} → ${show(claimLimit)}`);
  for (const name of ['challenges', 'rewards'] as const) {
    if (fields[name] !== undefined && !same(fields[name], current[name])) changes.push(`${name} changed (${current[name].length} → ${fields[name]!.length})`);
  }
  return changes.length > 0 ? changes.join('; ') : 'no field changed';
}
