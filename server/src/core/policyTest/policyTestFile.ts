// A policy test file (kind PolicyTest, schemas/policy-test.schema.json) as the loader gives it:
// plain data with source spans, so the CLI prints locations and an editor can put diagnostics,
// code lenses and hovers on each case.
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Level, Stage } from '../model.ts';
import type { Span } from '../span.ts';

export const POLICY_TEST_API_VERSION = 'kube-audit-policy/v1alpha1';
export const POLICY_TEST_KIND = 'PolicyTest';

export interface TestProblem {
  readonly message: string;
  readonly span: Span;
}

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** Fields left out are not checked; rule null means "no rule matches". */
export interface Expectation {
  readonly level: Level;
  readonly rule?: number | null;
  readonly omitStages?: readonly Stage[];
  readonly omitManagedFields?: boolean;
}

export type ExpectField = keyof Expectation;

export type CaseInput =
  | { readonly kind: 'request'; readonly line: string; readonly user: string | undefined; readonly groups: readonly string[] }
  | { readonly kind: 'event'; readonly event: unknown }
  /** Relative to the test file; the caller reads it (the core does no I/O). */
  | { readonly kind: 'eventFile'; readonly path: string };

export interface TestCase {
  /** 0-based position in `cases`. */
  readonly index: number;
  readonly name: string;
  readonly input: CaseInput;
  readonly expect: Expectation;
  /** The whole case, its name's value, its request/event/eventFile value, and its expect mapping. */
  readonly span: Span;
  readonly nameSpan: Span;
  readonly inputSpan: Span;
  readonly expectSpan: Span;
  /** Span of each expect field present. */
  readonly expectFieldSpans: Partial<Record<ExpectField, Span>>;
}

export interface PolicyTestFile {
  /** The file says kind: PolicyTest (a directory search skips other YAML files). */
  readonly isPolicyTest: boolean;
  readonly policy: Located<string> | undefined;
  readonly kubernetesVersion: Located<KubernetesVersion> | undefined;
  /** The cases that could be read (a case with a problem is left out, its problem reported). */
  readonly cases: readonly TestCase[];
  readonly caseCount: number;
  readonly problems: readonly TestProblem[];
}
