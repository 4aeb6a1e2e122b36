// The result of matching one request against a policy, with the reason each rule before the match
// did not apply. Shared by explain, replay, analysis witnesses and hover.
import type { Level, RuleField, RuleIndex, Stage } from './model.ts';

export interface RuleVerdict {
  readonly rule: RuleIndex;
  readonly matched: boolean;
  /** The first field that failed (null when matched, or when the rule is skipped for an invalid level). */
  readonly field: RuleField | null;
  /** Human sentence: why it did not match, or why it matched. */
  readonly reason: string;
}

export interface Evaluation {
  /** The first matching rule, or null (level None with the policy-level omit settings). */
  readonly rule: RuleIndex | null;
  readonly level: Level;
  /** Sorted in STAGES order, unique: union of policy and rule omitStages. */
  readonly omitStages: readonly Stage[];
  readonly omitManagedFields: boolean;
  /** One verdict per rule up to and including the match (all rules when none matched). */
  readonly trace: readonly RuleVerdict[];
}

