// Quick fixes on mutated real policies (fast-check, fixed seed): typical slips (fixesMutations.ts)
// applied to random lines of the corpus files. Every fix offered must apply (edits inside the text,
// never overlapping) and must not add a syntax, type or duplicate-key error; neither may "fix all".
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Code } from '../../server/src/core/codes.ts';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { fixesFor } from '../../server/src/core/fixes/fixesFor.ts';
import { fixAll } from '../../server/src/core/fixes/fixAll.ts';
import { lint } from '../../server/src/core/lint.ts';
import { mutant, mutated } from './fixesMutations.ts';

const DIR = join(__dirname, '../fixtures/corpus/policies');
const CORPUS = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => readFileSync(join(DIR, f), 'utf8'));
const V = { major: 1 as const, minor: 36 };
const BREAKING: readonly Code[] = ['yaml-syntax', 'invalid-type', 'duplicate-key'];


const breaking = (text: string): number[] => {
  const findings = lint(text, { kubernetesVersion: V }).findings;
  return BREAKING.map((c) => findings.filter((f) => f.code === c).length);
};

test('fixes on mutated corpus policies apply cleanly and break nothing', () => {
  fc.assert(
    fc.property(mutant(CORPUS.length, 2, 4), (m) => {
      const text = mutated(CORPUS[m.file] as string, m);
      const { policy, findings } = lint(text, { kubernetesVersion: V });
      const all = fixesFor({ text, policy, findings, kubernetesVersion: V });
      const before = breaking(text);
      for (const { fixes } of all) {
        for (const fix of fixes) {
          for (const e of fix.edits) assert.ok(0 <= e.span.start && e.span.start <= e.span.end && e.span.end <= text.length, fix.title);
          const after = breaking(applyEdits(text, fix.edits));
          after.forEach((n, i) => assert.ok(n <= (before[i] as number), `${fix.title} adds ${BREAKING[i]}:\n${text}`));
        }
      }
      const fixedAll = breaking(fixAll(text, { kubernetesVersion: V }).text);
      fixedAll.forEach((n, i) => assert.ok(n <= (before[i] as number), `fix all adds ${BREAKING[i]}:\n${text}`));
    }),
    { seed: 20261126, numRuns: 250 },
  );
});
