// redundant-omit-stage: a rule omits a stage the policy-level omitStages already omits; kube-apiserver
// takes the union of both (checker.go NewChecker, unionStages), so the rule's entry changes nothing.
import { finding } from '../../findings.ts';
import type { Check } from '../check.ts';
import { stageItems } from './stageItems.ts';

export const redundantOmitStage: Check = function* (ctx) {
  const { policy, text } = ctx;
  if (policy.omitStages.length === 0) return;
  for (const rule of policy.rules) {
    for (const item of stageItems(text, rule.source.items.omitStages ?? [])) {
      if (!policy.omitStages.includes(item.stage)) continue;
      yield finding(
        'redundant-omit-stage',
        `${item.stage} is already omitted by the policy-level omitStages: listing it here changes nothing.`,
        item.span,
        rule.index,
        { detail: "kube-apiserver gives every rule the union of the policy's omitStages and its own.", tags: ['unnecessary'] },
      );
    }
  }
};
