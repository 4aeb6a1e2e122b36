// Runs the cases of a policy test against a policy: each input read exactly as explain reads it
// (request line, or audit Event), evaluated with the core's evaluator, and compared field by field
// with what the case expects (omitStages as a set). Plain data out: per case the outcome, what
// differs, and the trace, for the CLI's reports and an editor's Test Explorer alike.
import type { RequestAttributes } from '../attributes.ts';
import type { Outcome } from '../diff/outcome.ts';
import { evaluate } from '../evaluate/evaluate.ts';
import type { Evaluation } from '../evaluation.ts';
import { eventInput, requestLineInput, type ExplainInputResult } from '../explain/explainInput.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import type { Span } from '../span.ts';
import type { ExpectField, Expectation, TestCase } from './policyTestFile.ts';

/** An event file as the caller read it: its JSON value, or why it could not be read. */
export type EventFileRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export type CaseResult =
  | {
      readonly kind: 'ran';
      readonly case: TestCase;
      readonly passed: boolean;
      readonly actual: Outcome;
      /** The expect fields the outcome does not meet. */
      readonly mismatches: readonly ExpectField[];
      readonly attributes: RequestAttributes;
      readonly evaluation: Evaluation;
      /** What explain would note about the input (a missing system:authenticated, ...). */
      readonly notes: readonly string[];
      /** The request in one line ("GET /api/v1/pods", "audit event: get /api/v1/pods"). */
      readonly shown: string;
    }
  /** The case cannot run: its input does not read, or it expects a rule the policy lacks. */
  | { readonly kind: 'error'; readonly case: TestCase; readonly message: string; readonly span: Span };

export function runCase(policy: Policy, v: KubernetesVersion, c: TestCase, readEventFile: (path: string) => EventFileRead): CaseResult {
  const error = (message: string, span: Span = c.inputSpan): CaseResult => ({ kind: 'error', case: c, message, span });
  const rule = c.expect.rule;
  if (typeof rule === 'number' && rule >= policy.rules.length) {
    return error(`expect.rule ${rule} is out of range: the policy has ${policy.rules.length} rule${policy.rules.length === 1 ? '' : 's'} (0 to ${policy.rules.length - 1})`, c.expectFieldSpans.rule ?? c.expectSpan);
  }
  let input: ExplainInputResult;
  switch (c.input.kind) {
    case 'request':
      input = requestLineInput(c.input.line, c.input.user, c.input.groups);
      break;
    case 'event':
      input = eventInput(c.input.event);
      break;
    case 'eventFile': {
      const read = readEventFile(c.input.path);
      if (!read.ok) return error(`eventFile ${JSON.stringify(c.input.path)}: ${read.error}`);
      input = eventInput(read.value);
      if (!input.ok) return error(`eventFile ${JSON.stringify(c.input.path)}: ${input.error}`);
      break;
    }
  }
  if (!input.ok) return error(`${c.input.kind}: ${input.error}`);
  const evaluation = evaluate(policy, input.input.attributes, v);
  const actual: Outcome = { rule: evaluation.rule, level: evaluation.level, omitStages: evaluation.omitStages, omitManagedFields: evaluation.omitManagedFields };
  const mismatches = mismatchesOf(c.expect, actual);
  return { kind: 'ran', case: c, passed: mismatches.length === 0, actual, mismatches, attributes: input.input.attributes, evaluation, notes: input.input.notes, shown: input.input.shown };
}

export function mismatchesOf(expect: Expectation, actual: Outcome): ExpectField[] {
  const out: ExpectField[] = [];
  if (expect.level !== actual.level) out.push('level');
  if (expect.rule !== undefined && expect.rule !== actual.rule) out.push('rule');
  if (expect.omitStages !== undefined && (expect.omitStages.length !== actual.omitStages.length || expect.omitStages.some((s) => !actual.omitStages.includes(s)))) out.push('omitStages');
  if (expect.omitManagedFields !== undefined && expect.omitManagedFields !== actual.omitManagedFields) out.push('omitManagedFields');
  return out;
}
