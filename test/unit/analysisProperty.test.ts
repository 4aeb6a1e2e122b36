// Random small policies (fast-check) against the evaluator:
// 1. every witness, read back from its Event JSON, first-matches its rule; every overlap example
//    goes to the earlier rule and is matched by the later one; every Event's requestURI, parsed as
//    kube-apiserver does, gives the same attributes as its objectRef and verb, unless no request
//    with a consistent URI could serve (checked against an enumeration);
// 2. every verdict (unsatisfiable / shadowed / reachable, shadowedBy, redundant, catch-all) equals a
//    brute-force enumeration of concrete requests.
// The enumeration does not use the analysis' classes: it builds its own candidate values from the
// policy's strings plus fresh ones. The generator's alphabets make that enumeration complete: every
// class of the request model has a member among the candidates (fresh values stand for all unnamed
// strings; for a path prefix p, p + "q" is a path whose longest named prefix is p, since no spec
// contains "q"), so "never first-matched by any candidate" means "never first-matched".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { agreesWithURI } from '../../server/src/core/analysis/agreesWithURI.ts';
import { analyzePolicy, type Witness } from '../../server/src/core/analysis/analyzePolicy.ts';
import { describeRequest } from '../../server/src/core/analysis/describeRequest.ts';
import { resourcePath } from '../../server/src/core/analysis/requestURI.ts';
import { effectOf, firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { ruleMatches } from '../../server/src/core/evaluate/ruleMatches.ts';
import type { KubernetesVersion } from '../../server/src/core/kubernetesVersion.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { candidateRequests, makePolicy, policyArb, uriDisagreement } from './analysisFixtures.ts';

/** The candidates kube-apiserver could have read from a URI (with that URI's path). */
function consistentRequests(policy: Policy): RequestAttributes[] {
  const withPath = (a: RequestAttributes): RequestAttributes => (a.isResourceRequest ? { ...a, path: resourcePath(a) } : a);
  return candidateRequests(policy, ['watch', 'create', 'update', 'delete', 'deletecollection']).map(withPath).filter(agreesWithURI);
}

/**
 * A witness or example whose requestURI disagrees with its Event is allowed only when no request
 * with a consistent URI would do: e.g. an overlap that only a list of one object's subresource
 * (pods/NAME/log with verb list) lies in, which no URL expresses.
 */
function assertConsistentURI(policy: Policy, w: Witness, wanted: (a: RequestAttributes) => boolean): void {
  const why = uriDisagreement(w.event);
  if (why === undefined) return;
  const better = consistentRequests(policy).find(wanted);
  assert.equal(better && describeRequest(better), undefined, `${w.description}: ${why}`);
}

interface Verdict {
  readonly status: string;
  readonly shadowedBy: readonly number[];
  readonly redundant: boolean;
  readonly catchAll: boolean;
  /** Earlier rules with another effect that take some of its requests, and whether they lie inside it. */
  readonly overlaps: readonly (readonly [number, string])[];
}

function bruteForce(policy: Policy, v: KubernetesVersion): Verdict[] {
  const requests = candidateRequests(policy);
  return policy.rules.map((rule) => {
    let matched = false;
    let first = false;
    let all = true;
    const takers = new Set<number>();
    for (const a of requests) {
      if (!ruleMatches(rule, a, v)) {
        all = false;
        continue;
      }
      matched = true;
      const m = firstMatch(policy, a, v) as number;
      if (m === rule.index) first = true;
      else takers.add(m);
    }
    const sorted = [...takers].sort((x, y) => x - y);
    const same = (i: number): boolean => JSON.stringify(effectOf(policy, policy.rules[i] ?? null)) === JSON.stringify(effectOf(policy, rule));
    const status = !matched ? 'unsatisfiable' : first ? 'reachable' : 'shadowed';
    const inside = (i: number): boolean => requests.every((a) => !ruleMatches(policy.rules[i]!, a, v) || ruleMatches(rule, a, v));
    const overlaps = status === 'reachable' ? sorted.filter((i) => !same(i)).map((i) => [i, inside(i) ? 'generalization' : 'partial'] as const) : [];
    return {
      status,
      shadowedBy: status === 'shadowed' ? sorted : [],
      redundant: status === 'shadowed' && sorted.every(same),
      catchAll: matched && all,
      overlaps,
    };
  });
}

describe('analysis against the evaluator', () => {
  test('every witness and overlap example is proven by the evaluator', () => {
    fc.assert(
      fc.property(policyArb, ({ rules, minor }) => {
        const v = { major: 1, minor } as const;
        const policy = makePolicy(rules);
        const analysis = analyzePolicy(policy, { kubernetesVersion: v });
        assert.ok(analysis.complete);
        for (const r of analysis.rules) {
          assert.notEqual(r.status, 'unknown');
          if (r.status === 'reachable') {
            const read = eventToAttributes(JSON.parse(JSON.stringify(r.witness?.event)));
            assert.ok(read.ok);
            assert.equal(firstMatch(policy, read.attributes, v), r.rule);
          } else assert.equal(r.witness, null);
          const rule = policy.rules[r.rule]!;
          if (r.witness) assertConsistentURI(policy, r.witness, (a) => firstMatch(policy, a, v) === r.rule);
          if (r.example) assertConsistentURI(policy, r.example, (a) => firstMatch(policy, a, v) === r.shadowedBy[0] && ruleMatches(rule, a, v));
          for (const o of r.overlaps) assertConsistentURI(policy, o.example, (a) => firstMatch(policy, a, v) === o.rule && ruleMatches(rule, a, v));
          for (const o of r.overlaps) {
            assert.equal(firstMatch(policy, o.example.attributes, v), o.rule);
            assert.ok(ruleMatches(policy.rules[r.rule]!, o.example.attributes, v));
          }
        }
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  test('every verdict equals a brute-force enumeration of requests', () => {
    fc.assert(
      fc.property(policyArb, ({ rules, minor }) => {
        const v = { major: 1, minor } as const;
        const policy = makePolicy(rules);
        const analysis = analyzePolicy(policy, { kubernetesVersion: v });
        const got = analysis.rules.map((r) => ({
          status: r.status,
          shadowedBy: r.shadowedBy,
          redundant: r.redundant,
          catchAll: r.catchAll,
          overlaps: r.overlaps.map((o) => [o.rule, o.kind] as const),
        }));
        assert.deepEqual(got, bruteForce(policy, v));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
