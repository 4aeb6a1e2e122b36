// no-catch-all: no rule matches every request, so whatever the rules do not name falls to level None
// (checker.go: DefaultAuditLevel). Often deliberate, hence information.
import { finding } from '../../findings.ts';
import type { Check } from '../check.ts';
import { isCatchAll } from './isCatchAll.ts';

export const noCatchAll: Check = function* (ctx) {
  const { policy } = ctx;
  if (policy.rules.length === 0 || policy.rules.some(isCatchAll)) return;
  yield finding('no-catch-all', 'No rule matches every request, so requests the rules do not name leave no audit event.', policy.source.rulesKey ?? policy.source.span, null, {
    detail: 'They get level None. End the rules with a catch-all such as "- level: Metadata" if that is not intended.',
  });
};
