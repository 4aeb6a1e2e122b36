// `--format text`: findings grouped per file (a blank line between files), each as
// `file:line:col: severity code: message` (1-based, as compilers print them, so terminals and
// editors can jump there) with a code frame under it and related locations indented below; then how
// many `--fix` can fix and a summary line. Colour only when asked (a TTY without NO_COLOR). Every
// string from the policy or the command line goes through printable().
import type { Severity } from '../../core/findings.ts';
import { LineIndex, type Range } from '../../core/span.ts';
import { printable } from '../printable.ts';
import { painter } from '../terminalColor.ts';
import { codeFrame } from './codeFrame.ts';
import type { Reporter } from './lintReport.ts';

const COLOURS: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };
const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

const where = (file: string, r: Range): string => `${printable(file)}:${r.start.line + 1}:${r.start.character + 1}`;

export const textReporter: Reporter = (files, { color }) => {
  const paint = painter(color);
  const groups: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const { file, text, entries, fixable: n } of files) {
    if (entries.length === 0) continue;
    fixable += n;
    const lines = new LineIndex(text);
    const gutterWidth = String(Math.max(...entries.map((e) => e.entry.range.start.line + 1))).length;
    const out: string[] = [];
    for (const { entry, related } of entries) {
      counts[entry.severity]++;
      const colour = COLOURS[entry.severity];
      out.push(`${paint('1', where(file, entry.range))}: ${paint(colour, entry.severity)} ${paint('2', entry.code)}: ${printable(entry.message)}`);
      out.push(...codeFrame(text, lines, entry.range, gutterWidth, { gutter: (s) => paint('2', s), carets: (s) => paint(colour, s) }));
      for (const r of related) out.push(`    ${where(file, r.range)}: ${printable(r.message)}`);
    }
    groups.push(out.join('\n'));
  }
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const checked = `${files.length} file${files.length === 1 ? '' : 's'}`;
  if (total === 0) return `No problems found in ${checked}.\n`;
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${plural(s, counts[s])}`);
  const fixes = fixable > 0 ? [`${fixable} problem${fixable === 1 ? '' : 's'} can be fixed with --fix (--fix-dry-run shows the changes).`] : [];
  return `${[...groups, [...fixes, `${parts.join(', ')} in ${checked}.`].join('\n')].join('\n\n')}\n`;
};

function plural(s: Severity, n: number): string {
  if (n === 1 || s === 'information') return s;
  return `${s}s`;
}
