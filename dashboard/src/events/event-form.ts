import type { ChallengeInput, ClaimPeriod, CreateEventInput, EventFieldsFragment, RewardInput, UpdateEventInput } from '@platform/client';
import { CHALLENGE_TYPES, REWARD_TYPES, typeByInput, type PartType } from './form-types';

/** One challenge or reward as the form holds it: its input field and the text of its fields. */
export interface PartForm {
  key: number;
  input: string;
  values: Record<string, string>;
}

/** The event form's state: text as typed, parsed only when submitted. */
export interface EventForm {
  title: string;
  description: string;
  /** `YYYY-MM-DDTHH:mm` as a datetime-local input holds it, in UTC. */
  startsAt: string;
  endsAt: string;
  isPublic: boolean;
  active: boolean;
  /** Empty = unlimited. */
  claimLimit: string;
  /** Frozen with the rewards once a claim was granted. */
  claimPeriod: ClaimPeriod;
  challenges: PartForm[];
  rewards: PartForm[];
}

let nextKey = 1;
export const newPartKey = () => nextKey++;

/** ISO → the value of a datetime-local input (UTC, minutes). */
export function toLocalInput(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16);
}

/** A datetime-local value (read as UTC) → ISO; empty or invalid text stays as typed so the server names the field. */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function emptyEventForm(now: Date): EventForm {
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const end = new Date(start.getTime() + 7 * 24 * 3_600_000);
  return {
    title: '',
    description: '',
    startsAt: toLocalInput(start.toISOString()),
    endsAt: toLocalInput(end.toISOString()),
    isPublic: true,
    active: true,
    claimLimit: '',
    claimPeriod: 'ONCE',
    challenges: [],
    rewards: [],
  };
}

function partValue(type: PartType, values: Record<string, string>): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (const field of type.fields) {
    const text = (values[field.name] ?? '').trim();
    if (text === '' && field.optional) continue;
    // A number that does not parse is sent as typed: the server rejects it with the field's path.
    result[field.name] = field.kind === 'int' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return result;
}

function partInput(types: readonly PartType[], part: PartForm): Record<string, Record<string, string | number>> {
  const type = typeByInput(types, part.input);
  return { [type.input]: partValue(type, part.values) };
}

const challengeInputs = (form: EventForm) => form.challenges.map((part) => partInput(CHALLENGE_TYPES, part) as ChallengeInput);
const rewardInputs = (form: EventForm) => form.rewards.map((part) => partInput(REWARD_TYPES, part) as RewardInput);

function claimLimitOf(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

export function toCreateInput(form: EventForm): CreateEventInput {
  return {
    title: form.title,
    description: form.description.trim() === '' ? null : form.description,
    startsAt: fromLocalInput(form.startsAt),
    endsAt: fromLocalInput(form.endsAt),
    isPublic: form.isPublic,
    active: form.active,
    claimLimit: claimLimitOf(form.claimLimit),
    claimPeriod: form.claimPeriod,
    challenges: challengeInputs(form),
    rewards: rewardInputs(form),
  };
}

/**
 * Only what changed since `original`: challenges and rewards are frozen once a claim was
 * granted, so an edit of the title must not resend them.
 */
export function toUpdateInput(form: EventForm, original: EventForm): UpdateEventInput {
  const next = toCreateInput(form);
  const before = toCreateInput(original);
  const input: UpdateEventInput = {};
  if (next.title !== before.title) input.title = next.title;
  if (next.description !== before.description) input.description = next.description ?? null;
  if (next.startsAt !== before.startsAt) input.startsAt = next.startsAt;
  if (next.endsAt !== before.endsAt) input.endsAt = next.endsAt;
  if (next.isPublic !== before.isPublic) input.isPublic = next.isPublic;
  if (next.active !== before.active) input.active = next.active;
  if (next.claimLimit !== before.claimLimit) input.claimLimit = next.claimLimit ?? null;
  if (next.claimPeriod !== before.claimPeriod) input.claimPeriod = next.claimPeriod ?? 'ONCE';
  if (JSON.stringify(next.challenges) !== JSON.stringify(before.challenges)) input.challenges = next.challenges ?? [];
  if (JSON.stringify(next.rewards) !== JSON.stringify(before.rewards)) input.rewards = next.rewards;
  return input;
}

type UnionMember = { __typename: string } & Record<string, unknown>;

function partForm(types: readonly PartType[], member: UnionMember): PartForm {
  const type = types.find((candidate) => candidate.typename === member.__typename);
  if (!type) throw new Error(`The form does not know ${member.__typename} yet`);
  const values = Object.fromEntries(type.fields.map((field) => [field.name, member[field.name] == null ? '' : String(member[field.name])]));
  return { key: newPartKey(), input: type.input, values };
}

/** An event as the form shows it (for editing, or duplicating with `copyOf`). */
export function eventToForm(event: EventFieldsFragment, options: { copyOf?: boolean } = {}): EventForm {
  return {
    title: options.copyOf ? `Copy of ${event.title}`.slice(0, 200) : event.title,
    description: event.description ?? '',
    startsAt: toLocalInput(event.startsAt),
    endsAt: toLocalInput(event.endsAt),
    isPublic: event.isPublic,
    // A duplicate starts switched off, so it cannot go live by accident.
    active: options.copyOf ? false : event.active,
    claimLimit: event.claimLimit == null ? '' : String(event.claimLimit),
    claimPeriod: event.claimPeriod,
    challenges: event.challenges.map((challenge) => partForm(CHALLENGE_TYPES, challenge as UnionMember)),
    rewards: event.rewards.map((reward) => partForm(REWARD_TYPES, reward as UnionMember)),
  };
}

/** Moves item `index` by `offset` (−1 up, +1 down); out of range leaves the list as it is. */
export function move<T>(list: readonly T[], index: number, offset: number): T[] {
  const target = index + offset;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/**
 * The form's own name for a server error path: `input.rewards[2].currency.amount` →
 * `rewards.2.amount`, which is how the form names its inputs' errors.
 */
export function formFieldOfErrorPath(path: string): string {
  const parts = path.replace(/^input\./, '').split('.');
  const head = parts[0] ?? '';
  const list = /^(challenges|rewards)\[(\d+)\]$/.exec(head);
  if (list) {
    const last = parts.length > 2 ? parts[parts.length - 1] : undefined;
    return last ? `${list[1]}.${list[2]}.${last}` : `${list[1]}.${list[2]}`;
  }
  return head;
}
