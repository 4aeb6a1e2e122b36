// What a diagnostic's one sentence leaves out, for the hover over its range. LSP diagnostics have no
// field for it: related information is for other locations (and lists as extra rows in the Problems
// panel), so the detail is shown where the editor already shows the sentence, in the hover, with a
// link to the code's documentation. Findings that span a whole rule (reachability) are left out:
// the rule hover tells that story itself, and would otherwise repeat it on every value of the rule.
import type { Finding } from '../findings.ts';
import type { Span } from '../span.ts';
import { codeDocumentationUrl } from './codeDocumentationUrl.ts';
import { escapeMarkdown } from './phrases.ts';

export function findingDetails(findings: readonly Finding[], offset: number, ruleSpans: readonly Span[]): string | undefined {
  const wholeRule = (s: Span): boolean => ruleSpans.some((r) => r.start === s.start && r.end === s.end);
  const shown = findings.filter((f) => f.detail !== undefined && f.span.start <= offset && offset <= f.span.end && !wholeRule(f.span));
  if (shown.length === 0) return undefined;
  return shown.map((f) => `[${f.code}](${codeDocumentationUrl(f.code)}): ${escapeMarkdown(f.detail ?? '')}`).join('\n\n');
}
