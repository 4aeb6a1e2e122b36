// What every lint reporter receives: per file, its source, its report entries with related
// locations, the entries that suppression comments silenced, and how many findings `--fix` can fix.
import type { Finding } from '../../core/findings.ts';
import type { SuppressedFinding } from '../../core/lint.ts';
import { relatedInformation, reportEntry, type RelatedInformation, type ReportEntry } from '../../core/report.ts';
import { LineIndex, type Range } from '../../core/span.ts';

export interface LintedEntry {
  readonly entry: ReportEntry;
  readonly related: readonly RelatedInformation[];
}

export interface SuppressedEntry extends LintedEntry {
  /** The comment that silenced it, and the reason written after ` -- ` in it. */
  readonly suppression: { readonly range: Range; readonly justification: string | null };
}

export interface LintedFile {
  readonly file: string;
  /** The text the positions refer to (for code frames). */
  readonly text: string;
  readonly entries: readonly LintedEntry[];
  readonly suppressed: readonly SuppressedEntry[];
  /** Findings of `entries` that `lint --fix` would fix. */
  readonly fixable: number;
}

export function lintedFile(file: string, text: string, findings: readonly Finding[], suppressed: readonly SuppressedFinding[] = [], fixable = 0): LintedFile {
  const lines = new LineIndex(text);
  const linted = (f: Finding): LintedEntry => ({ entry: reportEntry(file, f, lines), related: relatedInformation(f, lines) });
  return {
    file,
    text,
    entries: findings.map(linted),
    suppressed: suppressed.map(({ finding, suppression }) => ({ ...linted(finding), suppression: { range: lines.range(suppression.comment), justification: suppression.justification } })),
    fixable,
  };
}

export type Reporter = (files: readonly LintedFile[], options: { readonly color: boolean }) => string;
