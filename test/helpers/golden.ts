// Golden files: `checkGolden(path, actual)` compares with the file, or writes it when
// UPDATE_GOLDENS=1 (then review the diff). JSON values are stored pretty-printed, strings as-is
// (Markdown goldens stay readable).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function checkGolden(path: string, actual: unknown): void {
  const text = typeof actual === 'string' ? actual : `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `golden ${path} is missing: run with UPDATE_GOLDENS=1 and review it`);
  assert.equal(text, readFileSync(path, 'utf8'), `golden ${path} differs: run with UPDATE_GOLDENS=1 to accept the new output`);
}

/**
 * Hover Markdown with its example requests (the analysis' witnesses) replaced by a placeholder: which
 * request the analysis picks is its own business, tested there; goldens keep the wording around it.
 */
export const withoutRequests = (markdown: string): string => markdown.replace(/(e\.g\. to |e\.g\. |For example )`[^`]+`/g, '$1`<request>`');
