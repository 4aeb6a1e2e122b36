// The policy in SQL: which rule an event's request matches (multiIf: the first true condition, in
// rule order, as the checker's first match), and what that rule makes of it (evaluate.ts effectOf).
// A slot numbers the outcomes: 0 no rule matched, i + 1 rule i, -1 the row is not an audit Event.
import { effectOf } from '../evaluate/evaluate.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { LEVELS, STAGES, type Policy } from '../model.ts';
import type { Definitions } from './definitions.ts';
import { EVENT } from './eventColumns.ts';
import { ruleCondition } from './ruleCondition.ts';
import { sqlString, sqlStringArray } from './sqlLiteral.ts';

export const POLICY = {
  slot: 'kap_slot',
  /** Rule index, NULL when no rule matched or the row is not an event. */
  rule: 'kap_rule',
  /** The level the slot gives ('' for a non-event). */
  level: 'kap_level',
  /** Index of level in LEVELS. */
  levelCode: 'kap_level_code',
  omitStages: 'kap_omit_stages',
  /** Bit i: STAGES[i] is omitted. */
  omitMask: 'kap_omit_mask',
  omitManagedFields: 'kap_omit_managed_fields',
} as const;

/**
 * SQL: the value for `slot` (an expression) of constants per slot from 0 (ClickHouse arrays start
 * at 1; index 0, for slot -1, gives the type's default).
 */
export const bySlot = (values: readonly string[], type: string, slot: string = POLICY.slot): string => `CAST([${values.join(', ')}] AS Array(${type}))[${slot} + 1]`;

/** SQL literals of the level of each slot: None without a match, a rule's level ('' when it has no valid one: it never matches). */
export const slotLevels = (policy: Policy): string[] => ['None', ...policy.rules.map((r) => r.level ?? '')].map(sqlString);

export function policyDefinitions(policy: Policy, v: KubernetesVersion): Definitions {
  // Every rule's condition is computed for every row (no lazily evaluated branches, which ClickHouse
  // may compute again per branch); the first true one is the slot. A rule without a valid level
  // keeps its place as false.
  const conditions = policy.rules.map((rule) => ruleCondition(rule, v) ?? 'false');
  const firstMatch = conditions.length === 0 ? '0' : `indexOf([\n    ${conditions.join(',\n    ')}\n  ], true)`;
  const effects = [null, ...policy.rules].map((rule) => effectOf(policy, rule));
  return [
    // -1 for a row that is not an event; arithmetic, not if(): every column is computed once, eagerly.
    [POLICY.slot, `toInt64(${firstMatch} + 1) * empty(${EVENT.error}) - 1`],
    [POLICY.rule, `if(${POLICY.slot} <= 0, CAST(NULL AS Nullable(Int64)), ${POLICY.slot} - 1)`],
    [POLICY.level, bySlot(slotLevels(policy), 'String')],
    [POLICY.levelCode, bySlot(effects.map((e) => String(LEVELS.indexOf(e.level))), 'UInt8')],
    [POLICY.omitStages, bySlot(effects.map((e) => sqlStringArray(e.omitStages)), 'Array(String)')],
    [POLICY.omitMask, bySlot(effects.map((e) => String(e.omitStages.reduce((m, s) => m | (1 << STAGES.indexOf(s)), 0))), 'UInt8')],
    [POLICY.omitManagedFields, bySlot(effects.map((e) => String(e.omitManagedFields)), 'Bool')],
  ];
}
