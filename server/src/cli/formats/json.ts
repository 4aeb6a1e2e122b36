// `--format json`: the contract's array of entries, every file's findings in order. Findings that a
// suppression comment silenced are listed too, in place, with one more field, `suppression` (the
// comment's range and its reason); every other entry has exactly the contract's fields.
import type { Reporter } from './lintReport.ts';

export const jsonReporter: Reporter = (files) => {
  const entries = files.flatMap((f) => [
    ...f.entries.map((e) => e.entry),
    ...f.suppressed.map((s) => ({ ...s.entry, suppression: s.suppression })),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  return `${JSON.stringify(entries, null, 2)}\n`;
};
