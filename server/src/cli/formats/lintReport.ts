// What every lint reporter receives: per file, its report entries with related locations.
import type { Finding } from '../../core/findings.ts';
import { relatedInformation, reportEntry, type RelatedInformation, type ReportEntry } from '../../core/report.ts';
import { LineIndex } from '../../core/span.ts';

export interface LintedEntry {
  readonly entry: ReportEntry;
  readonly related: readonly RelatedInformation[];
}

export interface LintedFile {
  readonly file: string;
  readonly entries: readonly LintedEntry[];
}

export function lintedFile(file: string, text: string, findings: readonly Finding[]): LintedFile {
  const lines = new LineIndex(text);
  return { file, entries: findings.map((f) => ({ entry: reportEntry(file, f, lines), related: relatedInformation(f, lines) })) };
}

export type Reporter = (files: readonly LintedFile[], options: { readonly color: boolean }) => string;
