// The reachability codes as registry checks. One analysis (the context's) and one set of findings
// per lint run (through the context's memo); each check passes on the findings of its own code, so
// each code stays one line in the registry. Without an analysis yet they find nothing, and lint
// runs them again once it is there.
import { memoKey, type Check, type CheckContext } from '../checks/check.ts';
import type { Code } from '../codes.ts';
import type { Finding } from '../findings.ts';
import { reachabilityFindings } from './reachabilityFindings.ts';

const FINDINGS = memoKey<readonly Finding[]>('reachabilityFindings');

function findingsOf(ctx: CheckContext): readonly Finding[] {
  const analysis = ctx.analysis();
  return analysis ? ctx.memo(FINDINGS, () => reachabilityFindings(ctx.policy, analysis)) : [];
}

const ofCode =
  (code: Code): Check =>
  (ctx) =>
    findingsOf(ctx).filter((f) => f.code === code);

export const unsatisfiableRule = ofCode('unsatisfiable-rule');
export const shadowedRule = ofCode('shadowed-rule');
export const redundantRule = ofCode('redundant-rule');
export const catchAllNotLast = ofCode('catch-all-not-last');
export const partialOverlap = ofCode('partial-overlap');
export const analysisIncomplete = ofCode('analysis-incomplete');
