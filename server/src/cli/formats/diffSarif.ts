// `diff --format sarif`: one result per security-relevant change, located on the new rule that
// decides it (or, when no new rule matches, on the new policy's `rules:` key), for code-scanning
// annotations on a pull request. One reporting rule per kind of security flag.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { REPOSITORY_URL } from '../../core/describe/codeDocumentationUrl.ts';
import { outcomeText, rulesText } from '../../core/diff/describeChange.ts';
import { SECURITY_PROBES } from '../../core/diff/securityProbes.ts';
import { LineIndex } from '../../core/span.ts';
import type { DiffFormatter } from './diffReport.ts';

const ruleId = (kind: string): string => `diff-security-${kind}`;

export const diffSarif: DiffFormatter = (report) => {
  const lines = new LineIndex(report.newText);
  const rules: ReportingDescriptor[] = SECURITY_PROBES.map((p) => ({
    id: ruleId(p.kind),
    name: ruleId(p.kind),
    shortDescription: { text: `A policy change: ${p.message}` },
    helpUri: `${REPOSITORY_URL}/blob/main/docs/diff.md#security-relevant-changes`,
    defaultConfiguration: { level: 'warning' },
  }));
  const uri = report.newFile === '-' ? 'stdin' : encodeURI(report.newFile.replace(/\\/g, '/'));
  const results: Result[] = report.diff.changes.flatMap((c) =>
    c.security.map((s) => {
      const rule = c.after.rule === null ? undefined : report.newPolicy.rules[c.after.rule];
      const span = rule?.source.span ?? report.newPolicy.source.rulesKey ?? { start: 0, end: 0 };
      const r = lines.range(span);
      return {
        ruleId: ruleId(s.kind),
        ruleIndex: SECURITY_PROBES.findIndex((p) => p.kind === s.kind),
        level: 'warning' as const,
        message: { text: `${s.message}: ${outcomeText(c.before)} → ${outcomeText(c.after)} (${rulesText(c.before, c.after)}), e.g. ${c.witness.description}` },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 } } }],
      };
    }),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kube-audit-policy', informationUri: REPOSITORY_URL, rules } }, columnKind: 'utf16CodeUnits', results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
