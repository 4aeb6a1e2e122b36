// The lint contract's JSON entry, built once from a finding; the CLI prints these and the language
// server makes its diagnostics from the same objects. Positions are 0-based, in UTF-16 code units.
import type { Code } from './codes.ts';
import type { Finding, Severity } from './findings.ts';
import type { LineIndex, Range } from './span.ts';

export interface ReportEntry {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: Code;
  /** One sentence. */
  readonly message: string;
  /** More on the finding: kube-apiserver's error, an example, what to do; null when the sentence says it all. */
  readonly detail: string | null;
  readonly rule: number | null;
}

export interface RelatedInformation {
  readonly range: Range;
  readonly message: string;
}

export function reportEntry(file: string, f: Finding, lines: LineIndex): ReportEntry {
  return { file, range: lines.range(f.span), severity: f.severity, code: f.code, message: f.message, detail: f.detail ?? null, rule: f.rule };
}

/** Related locations are not part of the contract's JSON; editors and SARIF show them. */
export function relatedInformation(f: Finding, lines: LineIndex): RelatedInformation[] {
  return (f.related ?? []).map((r) => ({ range: lines.range(r.span), message: r.message }));
}
