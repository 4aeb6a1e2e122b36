// logs-nothing: every rule has level None (rules with an invalid level never match), so no request
// is ever logged whatever it is: the audit backend stays empty.
import { finding } from '../../findings.ts';
import type { Check } from '../check.ts';

export const logsNothing: Check = function* (ctx) {
  const { rules } = ctx.policy;
  if (!rules.some((r) => r.level === 'None') || rules.some((r) => r.level !== null && r.level !== 'None')) return;
  yield finding(
    'logs-nothing',
    'Every rule has level None, so kube-apiserver writes no audit event at all.',
    ctx.policy.source.rulesKey ?? ctx.policy.source.span,
    null,
  );
};
