// A case whose expectation no request can meet, decided from the policy's reachability analysis
// (not from the case's request): it names a rule no request reaches (shadowed, unsatisfiable), a
// rule whose effect differs from what the case expects, `rule: null` in a policy with a catch-all,
// or an outcome that no reachable rule (nor "no rule matches") gives. Such a case fails whatever
// request it holds, so the editor says why at the expectation, not only that it failed.
import type { PolicyAnalysis } from '../analysis/analyzePolicy.ts';
import { outcomeText } from '../diff/describeChange.ts';
import type { Outcome } from '../diff/outcome.ts';
import { effectOf } from '../evaluate/evaluate.ts';
import type { Policy, PolicyRule } from '../model.ts';
import type { Span } from '../span.ts';
import { expectedText, fieldsText } from './outcomeWords.ts';
import type { ExpectField, TestCase } from './policyTestFile.ts';
import { mismatchesOf } from './runPolicyTest.ts';

export interface ImpossibleExpectation {
  readonly message: string;
  readonly span: Span;
}

const rulesWord = (rules: readonly number[]): string => `rule${rules.length === 1 ? '' : 's'} ${rules.join(', ')}`;

/** Undefined when some request could meet the expectation (or an out-of-range rule, which running the case reports). */
export function impossibleExpectation(policy: Policy, analysis: PolicyAnalysis, c: TestCase): ImpossibleExpectation | undefined {
  const expect = c.expect;
  const at = (field: ExpectField | undefined): Span => (field === undefined ? c.expectSpan : (c.expectFieldSpans[field] ?? c.expectSpan));
  const outcome = (rule: PolicyRule | null): Outcome => ({ rule: rule?.index ?? null, ...effectOf(policy, rule) });
  const catchAll = analysis.rules.find((r) => r.catchAll);
  const { rule: _rule, ...effectExpected } = expect;
  const expected = expectedText(effectExpected as typeof expect);

  if (typeof expect.rule === 'number') {
    const rule = policy.rules[expect.rule];
    const status = analysis.rules[expect.rule];
    if (rule === undefined || status === undefined) return undefined;
    if (status.status === 'shadowed') {
      return { message: `This expectation can never hold: no request reaches rule ${expect.rule}; earlier ${rulesWord(status.shadowedBy)} match every request it matches.`, span: at('rule') };
    }
    if (status.status === 'unsatisfiable') return { message: `This expectation can never hold: rule ${expect.rule} matches no request at all.`, span: at('rule') };
    const differs = mismatchesOf(effectExpected as typeof expect, outcome(rule));
    if (differs.length === 0) return undefined;
    return { message: `This expectation can never hold: rule ${expect.rule} gives ${fieldsText(outcome(rule), differs)}, not ${fieldsText(expect, differs)}.`, span: at(differs[0]) };
  }

  if (expect.rule === null) {
    if (catchAll) return { message: `This expectation can never hold: rule ${catchAll.rule} matches every request, so some rule always matches.`, span: at('rule') };
    const differs = mismatchesOf(effectExpected as typeof expect, outcome(null));
    if (differs.length === 0) return undefined;
    return { message: `This expectation can never hold: a request no rule matches gets ${fieldsText(outcome(null), differs)}, not ${fieldsText(expect, differs)}.`, span: at(differs[0]) };
  }

  // No rule named: some outcome a request can get must meet it. Rules the analysis did not decide count as possible.
  const possible = [
    ...analysis.rules.filter((r) => r.status === 'reachable' || r.status === 'unknown').map((r) => outcome(policy.rules[r.rule] as PolicyRule)),
    ...(catchAll ? [] : [outcome(null)]),
  ];
  if (possible.some((o) => mismatchesOf(expect, o).length === 0)) return undefined;
  const outcomes = [...new Set(possible.map(outcomeText))];
  const listed = outcomes.length > 5 ? `${outcomes.slice(0, 5).join('; ')}; …` : outcomes.join('; ');
  return { message: `This expectation can never hold: no request gets ${expected}. What requests can get under this policy: ${listed}.`, span: at(undefined) };
}
