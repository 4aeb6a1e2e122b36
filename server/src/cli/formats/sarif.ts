// `--format sarif`: a SARIF 2.1.0 log for code-scanning tools. Every code is a reporting rule with
// its summary, default level and a help link to its page (docs/codes/CODE.md); columns are 1-based UTF-16.
// Findings a suppression comment silenced are results with an in-source suppression (SARIF 3.35).
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CODES, type Code } from '../../core/codes.ts';
import { codeDocumentationUrl, REPOSITORY_URL } from '../../core/describe/codeDocumentationUrl.ts';
import type { Severity } from '../../core/findings.ts';
import type { Range } from '../../core/span.ts';
import type { LintedEntry, Reporter, SuppressedEntry } from './lintReport.ts';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const codes = Object.keys(CODES) as Code[];

const regionOf = (r: Range) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
const artifactUri = (file: string): string => (file === '-' ? 'stdin' : encodeURI(file.replace(/\\/g, '/')));

export const sarifReporter: Reporter = (files) => {
  const rules: ReportingDescriptor[] = codes.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: CODES[code].summary },
    helpUri: codeDocumentationUrl(code),
    defaultConfiguration: { level: LEVEL[CODES[code].severity] },
  }));
  const results: Result[] = files.flatMap(({ file, entries, suppressed }) => {
    const location = (region: ReturnType<typeof regionOf>) => ({ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region } });
    const result = ({ entry, related }: LintedEntry): Result => ({
      ruleId: entry.code,
      ruleIndex: codes.indexOf(entry.code),
      level: LEVEL[entry.severity],
      message: { text: entry.message },
      locations: [location(regionOf(entry.range))],
      ...(related.length > 0 ? { relatedLocations: related.map((r, id) => ({ id, message: { text: r.message }, ...location(regionOf(r.range)) })) } : {}),
    });
    const silenced = (s: SuppressedEntry): Result => ({
      ...result(s),
      suppressions: [{ kind: 'inSource', ...(s.suppression.justification === null ? {} : { justification: s.suppression.justification }), location: location(regionOf(s.suppression.range)) }],
    });
    return [...entries.map(result), ...suppressed.map(silenced)];
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kube-audit-policy', informationUri: REPOSITORY_URL, rules } }, columnKind: 'utf16CodeUnits', results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
