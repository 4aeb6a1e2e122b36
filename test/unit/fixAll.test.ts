// "Fix all" as a property over the corpus, the broken example and mutated corpus policies (the same
// slips as fixesFuzz.test.ts). The rule enforced, for a text T and F = fixAll(T):
//   1. a fixed point in one invocation: fixAll(F) changes nothing;
//   2. every code with more findings in F than in T is no more severe than some finding that fix all
//      removed: nothing appears that is worse than what was fixed. New findings of that kind are
//      expected, since a fix can reveal what the fixed problem hid or add what it means to:
//      `extensions/v1beta1` (invalid-group, an error) corrected to `extensions` shows that the group
//      is gone (removed-api, a warning); `level: metadata` corrected ends logs-nothing (a warning) and
//      shows which exec requests still end at None (exec-not-audited, warnings, which logs-nothing
//      stands for); a `rules:` mapping made a list (invalid-type) shows the rule's missing level
//      (invalid-level, both errors); a Metadata rule for secrets inserted ahead of a broader rule is an
//      exception placed first (partial-overlap, a hint) and removes a sensitive-resource-body warning.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Code } from '../../server/src/core/codes.ts';
import type { Finding, Severity } from '../../server/src/core/findings.ts';
import { fixAll } from '../../server/src/core/fixes/fixAll.ts';
import { lint } from '../../server/src/core/lint.ts';
import { mutant, mutated } from './fixesMutations.ts';

const V = { major: 1 as const, minor: 36 };
const POLICIES = join(__dirname, '../fixtures/corpus/policies');
const FILES: readonly [string, string][] = [
  ...readdirSync(POLICIES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f): [string, string] => [f, readFileSync(join(POLICIES, f), 'utf8')]),
  ['broken-audit-policy.yaml', readFileSync(join(__dirname, '../fixtures/workspace/broken-audit-policy.yaml'), 'utf8')],
];
const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

const findingsOf = (text: string): readonly Finding[] => lint(text, { kubernetesVersion: V }).findings;

function assertFixAllRule(name: string, text: string): string {
  const fixed = fixAll(text, { kubernetesVersion: V });
  const label = `${name}\n--- before\n${text}\n--- after\n${fixed.text}`;
  assert.equal(fixAll(fixed.text, { kubernetesVersion: V }).passes, 0, `a second fix all changes ${label}`);
  const before = findingsOf(text);
  const after = findingsOf(fixed.text);
  const count = (fs: readonly Finding[], code: Code): number => fs.filter((f) => f.code === code).length;
  const removed = before.filter((f) => count(after, f.code) < count(before, f.code));
  const removedAsSevere = (f: Finding): boolean => removed.some((r) => RANK[r.severity] >= RANK[f.severity]);
  for (const f of after) {
    if (count(after, f.code) > count(before, f.code)) assert.ok(removedAsSevere(f), `fix all adds ${f.code} (${f.severity}) and removes nothing as severe: ${f.message}\n${label}`);
  }
  return fixed.text;
}

for (const [name, text] of FILES) {
  test(`fix all on ${name}: a fixed point in one invocation, nothing worse added`, () => {
    assertFixAllRule(name, text);
  });
}

test('fix all on the broken example fixes the group, then the resource it revealed, in one invocation', () => {
  const broken = FILES.find(([n]) => n === 'broken-audit-policy.yaml')?.[1] ?? '';
  const fixed = assertFixAllRule('broken', broken);
  assert.match(fixed, /- group: "?apps"?\n\s+resources: \["deployments"\]/);
  assert.ok(!findingsOf(fixed).some((f) => f.code === 'resource-in-wrong-group' || f.code === 'core-group-name'));
});

test('fix all on mutated corpus policies: the same rule (fast-check, fixed seed)', () => {
  fc.assert(
    fc.property(mutant(FILES.length, 1, 3), (m) => {
      const [name, text] = FILES[m.file] as [string, string];
      assertFixAllRule(`${name} mutated`, mutated(text, m));
    }),
    { seed: 20261207, numRuns: 60 },
  );
});
