// The budget bounds the analysis on every path: operations on large cubes cost in proportion, the
// set operations stop when it is spent, the cubes held are capped, and a policy beyond it gets
// honest verdicts (decided ones exactly as with an unlimited budget, the rest unknown). The
// analysis can be stepped (the language server interleaves it with requests) without changing
// its result. Issue 15: two rules of 2,000 users and 2,000 userGroups built their whole cross
// product and ran out of memory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analysisSteps, analyzePolicy, type PolicyAnalysis } from '../../server/src/core/analysis/analyzePolicy.ts';
import { Budget, MAX_HELD_WORDS, REFERENCE_WORDS } from '../../server/src/core/analysis/budget.ts';
import { CubeAlgebra, type Cube } from '../../server/src/core/analysis/cubeAlgebra.ts';
import { firstIntersection, restrict, runSteps, subtractAll } from '../../server/src/core/analysis/cubeSets.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { adversarialPolicy, generatedPolicy } from '../../scripts/bench/generatedPolicies.ts';
import { aliasedUsersAndGroups, flowRules, manyUsersAndGroups } from '../../scripts/bench/hostilePolicies.ts';

const V = LATEST_KUBERNETES_VERSION;
const load = (text: string): Policy => loadPolicy(text, V).policy;

/** Cubes over one dimension of `classes` classes (cube i allows class i) and no groups. */
function singletons(algebra: CubeAlgebra, classes: number): Cube[] {
  return Array.from({ length: classes }, (_, i) => algebra.cube({ dims: [1n << BigInt(i), 1n], present: 0n, absent: 0n }));
}

/** Every cube allows every class but one of a 2-class dimension, so any two meet. */
function overlapping(algebra: CubeAlgebra, n: number): Cube[] {
  return Array.from({ length: n }, () => algebra.cube({ dims: [3n, 1n], present: 0n, absent: 0n }));
}

describe('budget', () => {
  test('an operation on larger cubes costs in proportion to their size', () => {
    const budget = new Budget(1000);
    budget.spend(10);
    assert.equal(budget.used, 10);
    budget.setCubeWords(REFERENCE_WORDS * 3);
    budget.spend(10);
    assert.equal(budget.used, 40);
  });

  test('the cubes that may be held are capped, and going past the cap spends the budget', () => {
    const budget = new Budget(1e9);
    budget.setCubeWords(MAX_HELD_WORDS / 4);
    assert.equal(budget.capacity, 4);
    budget.hold(3);
    assert.equal(budget.capacity, 1);
    budget.overflow();
    assert.equal(budget.exhausted, true);
  });

  test('set operations stop once the budget is spent instead of finishing the product', () => {
    const algebra = new CubeAlgebra([300, 1], 0);
    const a = overlapping(algebra, 200);
    const b = overlapping(algebra, 200);
    const budget = new Budget(1000);
    const out = runSteps(restrict(algebra, a, b, budget));
    assert.equal(budget.exhausted, true);
    assert.ok(out.length <= 1000, `${out.length} cubes made for a budget of 1000 operations (the product is 40,000)`);
    const small = new Budget(50);
    runSteps(subtractAll(algebra, overlapping(algebra, 300), singletons(algebra, 300), small));
    assert.equal(small.exhausted, true);
    const tiny = new Budget(10);
    // None of them meets b: the search stops at the budget, not after 298 × 200 tests.
    assert.equal(runSteps(firstIntersection(algebra, singletons(algebra, 300).slice(2), b, tiny)), null);
    assert.equal(tiny.exhausted, true);
  });

  test('making more cubes than may be held stops the operation and spends the budget', () => {
    const algebra = new CubeAlgebra([300, 1], 0);
    const budget = new Budget(1e9);
    budget.setCubeWords(MAX_HELD_WORDS / 100);
    const out = runSteps(restrict(algebra, overlapping(algebra, 50), overlapping(algebra, 50), budget));
    assert.equal(budget.exhausted, true);
    assert.ok(out.length <= 101, `${out.length} cubes held where 100 fit`);
  });
});

/** Decided verdicts are those of the unlimited analysis; from the first unknown rule on, all are unknown. */
function assertHonest(cut: PolicyAnalysis, full: PolicyAnalysis): void {
  const firstUnknown = cut.rules.findIndex((r) => r.status === 'unknown');
  assert.equal(cut.complete, firstUnknown < 0);
  const decided = firstUnknown < 0 ? cut.rules : cut.rules.slice(0, firstUnknown);
  assert.deepEqual(decided, full.rules.slice(0, decided.length));
  if (firstUnknown >= 0) assert.ok(cut.rules.slice(firstUnknown).every((r) => r.status === 'unknown'));
}

describe('hostile policies stop at the budget with honest verdicts', () => {
  test('two rules of 2,000 users and 2,000 userGroups (written out, and through aliases)', () => {
    for (const text of [manyUsersAndGroups(), aliasedUsersAndGroups()]) {
      const policy = load(text);
      const full = analyzePolicy(policy, { kubernetesVersion: V, budget: 120_000_000 });
      assert.equal(full.complete, true);
      const editor = analyzePolicy(policy, { kubernetesVersion: V });
      assert.equal(editor.complete, false, 'the editor budget does not cover it');
      assertHonest(editor, full);
    }
  });

  test('each of 30,000 rules in one flow line has its own verb: the editor budget stops it', () => {
    const a = analyzePolicy(load(flowRules(30_000)), { kubernetesVersion: V });
    assert.equal(a.complete, false);
    const firstUnknown = a.rules.findIndex((r) => r.status === 'unknown');
    assert.ok(firstUnknown > 0);
    // Every rule has a verb of its own, so each decided one is reachable by a request with that verb.
    a.rules.slice(0, firstUnknown).forEach((r, i) => assert.equal(r.witness?.attributes.verb, `v${i}`));
    assert.ok(a.rules.slice(firstUnknown).every((r) => r.status === 'unknown'));
  });

  test('a rule too large to fit in memory is refused, not half-built', () => {
    const a = analyzePolicy(load(manyUsersAndGroups(2, 4000)), { kubernetesVersion: V, budget: 1e12 });
    assert.equal(a.complete, false);
    assert.ok(a.rules.some((r) => r.status === 'unknown'));
  });
});

describe('stepping', () => {
  test('yields between slices of work and gives the result of the analysis run in one go', () => {
    const policy = load(generatedPolicy(200, 4));
    const steps = analysisSteps(policy, { kubernetesVersion: V });
    const reported: number[] = [];
    let next = steps.next();
    for (; !next.done; next = steps.next()) reported.push(next.value);
    assert.ok(reported.length > 20, `${reported.length} yields for ${next.value.work} units`);
    assert.deepEqual(reported, [...reported].sort((x, y) => x - y), 'the work reported only grows');
    assert.deepEqual(next.value, analyzePolicy(policy, { kubernetesVersion: V }));
  });

  test('two analyses stepped in turns give what each gives alone', () => {
    const policies = [load(generatedPolicy(120, 5)), load(adversarialPolicy(60, 'groups'))];
    const alone = policies.map((p) => analyzePolicy(p, { kubernetesVersion: V }));
    const runs = policies.map((p) => analysisSteps(p, { kubernetesVersion: V }));
    const results: (PolicyAnalysis | undefined)[] = [undefined, undefined];
    while (results.some((r) => r === undefined)) {
      runs.forEach((run, i) => {
        if (results[i] !== undefined) return;
        const next = run.next();
        if (next.done) results[i] = next.value;
      });
    }
    assert.deepEqual(results, alone);
  });
});
