// The policy checker (k8s.io/apiserver pkg/audit/policy/checker.go, EvaluatePolicyRule): the first
// matching rule wins; without one the level is None with the policy-level omit settings.
import type { RequestAttributes } from '../attributes.ts';
import type { Evaluation, RuleVerdict } from '../evaluation.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { STAGES, type Level, type Policy, type PolicyRule, type RuleIndex, type Stage } from '../model.ts';
import { ruleMatches } from './ruleMatches.ts';
import { ruleVerdict } from './ruleVerdict.ts';

export interface Effect {
  readonly level: Level;
  /** Unique, in STAGES order. */
  readonly omitStages: readonly Stage[];
  readonly omitManagedFields: boolean;
}

/** Fast path for replay: no allocation per call. */
export function firstMatch(policy: Policy, attrs: RequestAttributes, v: KubernetesVersion): RuleIndex | null {
  const rules = policy.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as PolicyRule;
    if (ruleMatches(rule, attrs, v)) return rule.index;
  }
  return null;
}

/**
 * What the server records for a request matched by `rule` (null: no rule matched).
 * omitStages: union of the policy's and the rule's (NewPolicyRuleEvaluator merges them up front);
 * omitManagedFields: the rule's when set, else the policy's (isOmitManagedFields).
 */
export function effectOf(policy: Policy, rule: PolicyRule | null): Effect {
  if (rule === null) {
    return { level: 'None', omitStages: sortedStages(policy.omitStages, []), omitManagedFields: policy.omitManagedFields };
  }
  return {
    level: rule.level ?? 'None',
    omitStages: sortedStages(policy.omitStages, rule.omitStages),
    omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields,
  };
}

/** The match with a verdict for every rule up to it (all rules when none matches). */
export function evaluate(policy: Policy, attrs: RequestAttributes, v: KubernetesVersion): Evaluation {
  const trace: RuleVerdict[] = [];
  let matched: PolicyRule | null = null;
  for (const rule of policy.rules) {
    const verdict = ruleVerdict(rule, attrs, v);
    trace.push(verdict);
    if (verdict.matched) {
      matched = rule;
      break;
    }
  }
  return { rule: matched?.index ?? null, ...effectOf(policy, matched), trace };
}

function sortedStages(a: readonly Stage[], b: readonly Stage[]): Stage[] {
  return STAGES.filter((s) => a.includes(s) || b.includes(s));
}
