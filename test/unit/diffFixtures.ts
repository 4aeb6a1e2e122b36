// Checks the diff tests share: the witness of every change proves its pair against both policies
// and lies in the analysis' request model; effects compared as the issue defines them, written
// independently of the core's sameEffect.
import assert from 'node:assert/strict';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import type { PolicyDiff, PolicySide } from '../../server/src/core/diff/diffPolicies.ts';
import { firstMatch, type Effect } from '../../server/src/core/evaluate/evaluate.ts';
import type { Level } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';

/** The definition, written independently of the core's sameEffect. */
export function effectsDiffer(a: Effect, b: Effect): boolean {
  if (a.level === 'None' && b.level === 'None') return false;
  const bodies = (l: Level): boolean => l === 'Request' || l === 'RequestResponse';
  return a.level !== b.level || [...a.omitStages].sort().join() !== [...b.omitStages].sort().join() || (bodies(a.level) && a.omitManagedFields !== b.omitManagedFields);
}

/** The analysis' request model (README "The request model"). */
export function insideRequestModel(a: RequestAttributes): boolean {
  if (a.user !== null) {
    const implied = a.user.name === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated';
    if (!a.user.groups.includes(implied)) return false;
  }
  if (!a.isResourceRequest) return a.path.startsWith('/') && !a.path.includes('?');
  return a.resource !== '' && [a.resource, a.subresource, a.name, a.namespace].every((s) => !s.includes('/'));
}

/** Every witness proves its pair against both policies and lies in the model. */
export function assertWitnesses(d: PolicyDiff, before: PolicySide, after: PolicySide): void {
  for (const c of d.changes) {
    const read = eventToAttributes(JSON.parse(JSON.stringify(c.witness.event)));
    assert.ok(read.ok, c.witness.description);
    assert.equal(firstMatch(before.policy, read.attributes, before.kubernetesVersion), c.before.rule, c.witness.description);
    assert.equal(firstMatch(after.policy, read.attributes, after.kubernetesVersion), c.after.rule, c.witness.description);
    assert.ok(insideRequestModel(read.attributes), `${c.witness.description} is outside the request model`);
    assert.ok(effectsDiffer(c.before, c.after), 'a listed pair has equal effects');
  }
}
