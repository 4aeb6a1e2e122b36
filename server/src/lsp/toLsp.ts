// The one place where core offsets become LSP ranges, and core findings become diagnostics.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location, type Range } from 'vscode-languageserver';
import { capFindings } from '../core/capFindings.ts';
import type { Finding, Severity } from '../core/findings.ts';
import { relatedInformation, reportEntry } from '../core/report.ts';
import type { Span } from '../core/span.ts';
import { codeDocumentationUrl } from '../core/describe/codeDocumentationUrl.ts';
import { DIAGNOSTIC_SOURCE } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';

export const toRange = (doc: PolicyDocument, s: Span): Range => doc.lines.range(s);

export const toLocation = (doc: PolicyDocument, s: Span): Location => ({ uri: doc.uri, range: toRange(doc, s) });

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Every finding, up to a thousand of one code (then one that counts the rest: capFindings.ts). */
export function toDiagnostics(doc: PolicyDocument): Diagnostic[] {
  return capFindings(doc.lint.findings).map((f) => toDiagnostic(doc, f));
}

/** Built from the lint contract's report entry, the object `lint --format json` prints. */
function toDiagnostic(doc: PolicyDocument, f: Finding): Diagnostic {
  const entry = reportEntry(doc.uri, f, doc.lines);
  const diagnostic: Diagnostic = {
    range: entry.range,
    severity: SEVERITIES[entry.severity],
    code: entry.code,
    codeDescription: { href: codeDocumentationUrl(entry.code) },
    source: DIAGNOSTIC_SOURCE,
    message: entry.message,
  };
  const related = relatedInformation(f, doc.lines);
  if (related.length > 0) diagnostic.relatedInformation = related.map((r) => ({ location: { uri: doc.uri, range: r.range }, message: r.message }));
  if (f.tags && f.tags.length > 0) diagnostic.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  return diagnostic;
}

/**
 * The core never throws on user input by contract; if it does anyway (a bug), the file gets one
 * diagnostic saying so instead of silently losing all of them.
 */
export function internalErrorDiagnostic(error: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    message: `kube-audit-policy could not check this file (an internal error; please report it): ${error}`,
  };
}
