// panic-omitted: omitting the Panic stage drops the only event written for a request whose handler
// panicked, the requests an investigation most needs. Legal, hence information.
import { finding, type Finding } from '../../findings.ts';
import type { RuleIndex } from '../../model.ts';
import type { Span } from '../../span.ts';
import type { Check } from '../check.ts';
import { stageItems } from './stageItems.ts';

export const panicOmitted: Check = function* (ctx) {
  const { policy, text } = ctx;
  const report = (span: Span, rule: RuleIndex | null, scope: string): Finding =>
    finding('panic-omitted', `Omitting Panic ${scope}: a request whose handler crashes then leaves no audit event.`, span, rule, {
      detail: 'Those are the requests an investigation needs most.',
    });
  for (const item of stageItems(text, policy.source.omitStagesItems)) {
    if (item.stage === 'Panic') yield report(item.span, null, 'for the whole policy');
  }
  for (const rule of policy.rules) {
    for (const item of stageItems(text, rule.source.items.omitStages ?? [])) {
      if (item.stage === 'Panic') yield report(item.span, rule.index, 'in this rule');
    }
  }
};
