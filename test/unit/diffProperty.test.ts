// The diff against the evaluator, on random small policies (the analysis property test's
// generator, whose alphabets make candidateRequests a complete enumeration of the request classes
// of every policy it makes, and so of two of them taken together):
// 1. a policy compared with itself is equivalent (same release);
// 2. changing one rule's level changes exactly the pair that rule decides, and only when the
//    analysis says the rule is reachable;
// 3. every witness, read back from its Event JSON, first-matches the pair's rules under both
//    policies and lies inside the analysis' request model;
// 4. the set of pairs equals a brute-force enumeration of concrete requests (both releases mixed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { diffPolicies, type PolicySide } from '../../server/src/core/diff/diffPolicies.ts';
import { effectOf, firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LEVELS, type Level, type Policy } from '../../server/src/core/model.ts';
import { candidateRequests, makePolicy, policyArb } from './analysisFixtures.ts';
import { assertWitnesses, effectsDiffer } from './diffFixtures.ts';

const BUDGET = 120_000_000;
const side = (policy: Policy, minor: number): PolicySide => ({ policy, kubernetesVersion: { major: 1, minor } });
const pairKey = (a: number | null, b: number | null): string => `${a ?? '-'}>${b ?? '-'}`;

function bruteForcePairs(before: PolicySide, after: PolicySide): string[] {
  const all = makePolicy([]);
  const requests = candidateRequests({ ...all, rules: [...before.policy.rules, ...after.policy.rules] });
  const pairs = new Set<string>();
  for (const a of requests) {
    const x = firstMatch(before.policy, a, before.kubernetesVersion);
    const y = firstMatch(after.policy, a, after.kubernetesVersion);
    const ex = effectOf(before.policy, x === null ? null : before.policy.rules[x]!);
    const ey = effectOf(after.policy, y === null ? null : after.policy.rules[y]!);
    if (effectsDiffer(ex, ey)) pairs.add(pairKey(x, y));
  }
  return [...pairs].sort();
}

describe('diff against the evaluator', () => {
  test('a policy is equivalent to itself', () => {
    fc.assert(
      fc.property(policyArb, ({ rules, minor }) => {
        const p = side(makePolicy(rules), minor);
        const d = diffPolicies(p, p, { budget: BUDGET });
        assert.ok(d.complete);
        assert.deepEqual(d.changes, []);
        assert.equal(d.equivalent, true);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  test("changing one rule's level lists exactly the pair that rule decides", () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), fc.constantFrom(...LEVELS), ({ rules, minor }, pick, level: Level) => {
        const i = pick % rules.length;
        fc.pre(rules[i]!.level !== null && rules[i]!.level !== level);
        const before = side(makePolicy(rules), minor);
        const after = side(makePolicy(rules.map((r, k) => (k === i ? { ...r, level } : r))), minor);
        const d = diffPolicies(before, after, { budget: BUDGET });
        const reachable = analyzePolicy(before.policy, { kubernetesVersion: before.kubernetesVersion }).rules[i]!.status === 'reachable';
        assert.deepEqual(
          d.changes.map((c) => pairKey(c.before.rule, c.after.rule)),
          reachable ? [pairKey(i, i)] : [],
        );
        assertWitnesses(d, before, after);
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  test('random policy pairs: exactly the pairs a brute-force enumeration finds, each with a proven witness', () => {
    fc.assert(
      fc.property(policyArb, policyArb, ({ rules: r1, minor: m1 }, { rules: r2, minor: m2 }) => {
        const before = side(makePolicy(r1), m1);
        const after = side(makePolicy(r2), m2);
        const d = diffPolicies(before, after, { budget: BUDGET });
        assert.ok(d.complete);
        assert.deepEqual(d.changes.map((c) => pairKey(c.before.rule, c.after.rule)).sort(), bruteForcePairs(before, after));
        assert.equal(d.equivalent, d.changes.length === 0);
        assertWitnesses(d, before, after);
      }),
      { numRuns: 200, seed: 2026 },
    );
  });

  test('one policy under two releases: the group "*" rules change meaning at 1.36', () => {
    fc.assert(
      fc.property(policyArb, ({ rules }) => {
        const policy = makePolicy(rules);
        const [before, after] = [side(policy, 35), side(policy, 36)];
        const d = diffPolicies(before, after, { budget: BUDGET });
        assert.deepEqual(d.changes.map((c) => pairKey(c.before.rule, c.after.rule)).sort(), bruteForcePairs(before, after));
        if (!rules.some((r) => (r.resources ?? []).some((gr) => gr.group === '*'))) assert.equal(d.equivalent, true);
        assertWitnesses(d, before, after);
      }),
      { numRuns: 200, seed: 136 },
    );
  });
});
