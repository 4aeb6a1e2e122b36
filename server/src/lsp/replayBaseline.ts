// The replay panel's "vs baseline" column: the recorded requests under a baseline policy (the one
// a Compare with… view compares against) and under the policy as typed; per request on screen the
// baseline's outcome, and in all how many events get another outcome (compared by effect, as diff
// compares: two requests not logged are equal whatever their stages).
import { diffTraffic } from '../core/diff/diffTraffic.ts';
import { sameEffect, type Outcome } from '../core/diff/outcome.ts';
import { effectOf, firstMatch } from '../core/evaluate/evaluate.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import type { Policy } from '../core/model.ts';
import type { ReplayIndex } from '../core/replay/replayIndex.ts';
import type { ReplayBaselineParams, ReplayBaselineResult } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';

export function replayBaseline(doc: PolicyDocument, index: ReplayIndex, params: ReplayBaselineParams): ReplayBaselineResult {
  const v = doc.settings.kubernetesVersion;
  const before = { policy: loadPolicy(params.baseline, v).policy, kubernetesVersion: v };
  const after = { policy: doc.lint.policy, kubernetesVersion: v };
  const traffic = diffTraffic(index, before, after, 0);
  const outcome = (policy: Policy, key: number): Outcome | undefined => {
    const attributes = index.keys[key];
    if (attributes === undefined) return undefined;
    const rule = firstMatch(policy, attributes, v);
    return { rule, ...effectOf(policy, rule === null ? null : (policy.rules[rule] ?? null)) };
  };
  const rows = params.keys.flatMap((key) => {
    const [was, now] = [outcome(before.policy, key), outcome(after.policy, key)];
    return was && now ? [{ key, before: was, differs: !sameEffect(was, now) }] : [];
  });
  return { ok: true, version: doc.version, differing: traffic.totals.events, events: traffic.allEvents, rows };
}
