// What a policy does with a request: the rule that first-matches it (null: none) and its effect.
// Two outcomes differ when what the log records differs: the level, the omitted stages, and
// omitManagedFields where bodies are logged (Request, RequestResponse). A request logged at
// level None is not logged at all, whatever the stages.
import type { Effect } from '../evaluate/evaluate.ts';
import { LEVELS, STAGES, type Level, type Stage } from '../model.ts';

export interface Outcome extends Effect {
  /** The first matching rule (0-based), or null when no rule matches. */
  readonly rule: number | null;
}

/** newly-logged: None before; newly-dropped: None after; mixed: more of one thing, less of another. */
export type ChangeKind = 'newly-logged' | 'newly-dropped' | 'more-logged' | 'less-logged' | 'mixed';

export interface Classification {
  readonly kind: ChangeKind;
  /** What is logged that was not ("level Metadata → Request", "stage RequestReceived no longer omitted"). */
  readonly more: readonly string[];
  /** What is no longer logged. */
  readonly less: readonly string[];
}

export const levelRank = (l: Level): number => LEVELS.indexOf(l);

const REQUEST = levelRank('Request');

/** omitManagedFields only changes what is logged when both sides log bodies. */
const bodiesBoth = (a: Effect, b: Effect): boolean => levelRank(a.level) >= REQUEST && levelRank(b.level) >= REQUEST;

export function sameEffect(a: Effect, b: Effect): boolean {
  if (a.level === 'None' && b.level === 'None') return true;
  if (a.level !== b.level || a.omitStages.join() !== b.omitStages.join()) return false;
  return !bodiesBoth(a, b) || a.omitManagedFields === b.omitManagedFields;
}

/** How `after` differs from `before` (which must differ: see sameEffect). */
export function classify(before: Effect, after: Effect): Classification {
  const more: string[] = [];
  const less: string[] = [];
  const [from, to] = [levelRank(before.level), levelRank(after.level)];
  if (to !== from) (to > from ? more : less).push(`level ${before.level} → ${after.level}`);
  if (before.level === 'None') return { kind: 'newly-logged', more, less };
  if (after.level === 'None') return { kind: 'newly-dropped', more, less };
  const stages = (s: readonly Stage[], without: readonly Stage[]): Stage[] => STAGES.filter((x) => s.includes(x) && !without.includes(x));
  for (const s of stages(before.omitStages, after.omitStages)) more.push(`stage ${s} no longer omitted`);
  for (const s of stages(after.omitStages, before.omitStages)) less.push(`stage ${s} newly omitted`);
  if (bodiesBoth(before, after) && before.omitManagedFields !== after.omitManagedFields) {
    (after.omitManagedFields ? less : more).push(after.omitManagedFields ? 'managedFields newly omitted from bodies' : 'managedFields no longer omitted from bodies');
  }
  const kind = more.length > 0 && less.length > 0 ? 'mixed' : more.length > 0 ? 'more-logged' : 'less-logged';
  return { kind, more, less };
}
