// `--format json`: the contract's array of entries, every file's findings in order.
import type { Reporter } from './lintReport.ts';

export const jsonReporter: Reporter = (files) => `${JSON.stringify(files.flatMap((f) => f.entries.map((e) => e.entry)), null, 2)}\n`;
