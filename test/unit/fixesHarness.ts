// Runs lint on a policy text, asks the core for the quick fixes of one finding code, applies each fix
// and checks (1) the result against a golden file (UPDATE_GOLDENS=1 rewrites it) and (2) that the fix
// really removes a finding of that code without breaking the file (no new syntax, type or duplicate-key
// errors). Shared by the fixes tests.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Code } from '../../server/src/core/codes.ts';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import type { Fix } from '../../server/src/core/fixes/fix.ts';
import { fixesFor, fixKey } from '../../server/src/core/fixes/fixesFor.ts';
import type { KubernetesVersion } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';

export const GOLDEN_DIR = join(__dirname, '../fixtures/fixes');
const BREAKING: readonly Code[] = ['yaml-syntax', 'invalid-type', 'duplicate-key'];

export interface Applied {
  readonly fix: Fix;
  readonly result: string;
}

/** Every distinct fix offered for findings of `code` (as the editor lists them), applied to the text. */
export function applyFixes(text: string, code: Code, minor = 36): Applied[] {
  const kubernetesVersion: KubernetesVersion = { major: 1, minor };
  const { policy, findings } = lint(text, { kubernetesVersion });
  const seen = new Set<string>();
  return fixesFor({ text, policy, findings, kubernetesVersion })
    .filter(({ finding }) => finding.code === code)
    .flatMap(({ fixes }) => fixes)
    .filter((fix) => {
      const key = fixKey(fix);
      return !seen.has(key) && seen.add(key) !== undefined;
    })
    .map((fix) => ({ fix, result: applyEdits(text, fix.edits) }));
}

const count = (text: string, code: Code, minor: number): number =>
  lint(text, { kubernetesVersion: { major: 1, minor } }).findings.filter((f) => f.code === code).length;

/**
 * The fix removes one finding of its code at least and breaks nothing that loaded before; and no fix
 * of a finding it adds brings its finding back (two fixes that undo each other).
 */
export function assertFixWorks(text: string, code: Code, applied: Applied, minor = 36): void {
  const label = `${applied.fix.title}\n--- before\n${text}\n--- after\n${applied.result}`;
  const left = count(applied.result, code, minor);
  assert.ok(left < count(text, code, minor), `the ${code} finding is still there: ${label}`);
  for (const bad of BREAKING) assert.ok(count(applied.result, bad, minor) <= count(text, bad, minor), `new ${bad}: ${label}`);
  const kubernetesVersion: KubernetesVersion = { major: 1, minor };
  const { policy, findings } = lint(applied.result, { kubernetesVersion });
  const added = findings.filter((f) => f.code !== code && count(applied.result, f.code, minor) > count(text, f.code, minor));
  for (const { finding, fixes } of fixesFor({ text: applied.result, policy, findings: added, kubernetesVersion })) {
    for (const fix of fixes) {
      const undone = applyEdits(applied.result, fix.edits);
      assert.ok(count(undone, code, minor) <= left, `"${fix.title}" (${finding.code}) brings the ${code} finding back: ${label}\n--- then\n${undone}`);
    }
  }
}

export function renderGolden(applied: readonly Applied[]): string {
  return applied.map((a) => `### ${a.fix.title}${a.fix.preferred ? ' (preferred)' : ''}\n${a.result}${a.result.endsWith('\n') ? '' : '\n'}`).join('');
}

/** Compares with the golden file `name`, or writes it with UPDATE_GOLDENS=1. */
export function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing golden ${file}: run with UPDATE_GOLDENS=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `golden ${name} differs (UPDATE_GOLDENS=1 rewrites it)`);
}
