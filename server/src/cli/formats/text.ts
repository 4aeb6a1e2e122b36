// `--format text`: one line per finding, `file:line:col: severity code: message` (1-based, as
// compilers print them, so terminals and editors can jump there), related locations indented
// below, then a summary line. Colour only when asked (a TTY without NO_COLOR).
import type { Severity } from '../../core/findings.ts';
import { painter } from '../terminalColor.ts';
import type { Reporter } from './lintReport.ts';

const COLOURS: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };

export const textReporter: Reporter = (files, { color }) => {
  const paint = painter(color);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { file, entries } of files) {
    for (const { entry, related } of entries) {
      counts[entry.severity]++;
      const where = `${file}:${entry.range.start.line + 1}:${entry.range.start.character + 1}`;
      lines.push(`${paint('1', where)}: ${paint(COLOURS[entry.severity], entry.severity)} ${paint('2', entry.code)}: ${entry.message}`);
      for (const r of related) lines.push(`    ${file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const checked = `${files.length} file${files.length === 1 ? '' : 's'}`;
  if (total === 0) lines.push(`No problems found in ${checked}.`);
  else {
    const parts = (['error', 'warning', 'information', 'hint'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${plural(s, counts[s])}`);
    lines.push(`${parts.join(', ')} in ${checked}.`);
  }
  return `${lines.join('\n')}\n`;
};

function plural(s: Severity, n: number): string {
  if (n === 1 || s === 'information') return s;
  return `${s}s`;
}
