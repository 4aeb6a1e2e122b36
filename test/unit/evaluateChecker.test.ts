// kube-apiserver's own checker_test.go cases (test/fixtures/semantics/checkerCases.ts) against
// evaluate, firstMatch and effectOf.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectOf, evaluate, firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import type { Level, Stage } from '../../server/src/core/model.ts';
import { attributesOf, policyOf } from '../fixtures/semantics/build.ts';
import {
  ATTRIBUTES,
  AUDIT_LEVEL_CASES,
  OMIT_MANAGED_FIELDS_CASES,
  OMIT_STAGES_CASES,
  POLICY_STAGES_OF_TEST_CHECKER_POLICY_OMIT_STAGES,
  RULES,
  UNION_STAGES_CASES,
  type AttributesName,
  type RuleName,
} from '../fixtures/semantics/checkerCases.ts';

const v = LATEST_KUBERNETES_VERSION;

function check(policyStages: readonly Stage[], req: AttributesName, level: Level, omitStages: readonly Stage[], rules: readonly RuleName[]): void {
  const policy = policyOf({ rules: rules.map((r) => RULES[r]), omitStages: policyStages });
  const attrs = attributesOf(ATTRIBUTES[req]);
  const label = `${req} with [${rules.join(', ')}], policy omitStages [${policyStages.join(', ')}]`;
  const e = evaluate(policy, attrs, v);
  assert.equal(e.level, level, label);
  assert.deepEqual(new Set(e.omitStages), new Set(omitStages), label);
  // The fast path agrees with the traced one.
  assert.equal(firstMatch(policy, attrs, v), e.rule, label);
  assert.equal(e.trace.length, e.rule === null ? rules.length : e.rule + 1, label);
}

test('testAuditLevel cases, policy omitStages nil', () => {
  for (const [req, level, ...rules] of AUDIT_LEVEL_CASES) check([], req, level, [], rules);
});

test('testAuditLevel cases, policy omitStages [RequestReceived, ResponseStarted]', () => {
  const stages = POLICY_STAGES_OF_TEST_CHECKER_POLICY_OMIT_STAGES;
  for (const [req, level, ...rules] of AUDIT_LEVEL_CASES) check(stages, req, level, stages, rules);
});

test('TestChecker and TestCheckerPolicyOmitStages rule-level omitStages', () => {
  for (const [policyStages, req, level, stages, ...rules] of OMIT_STAGES_CASES) check(policyStages, req, level, stages, rules);
});

test('TestUnionStages: omitStages are the union, unique, in STAGES order', () => {
  for (const [policyStages, ruleStages, union] of UNION_STAGES_CASES) {
    const policy = policyOf({ rules: [{ level: 'Metadata', omitStages: ruleStages }], omitStages: policyStages });
    const effect = effectOf(policy, policy.rules[0] ?? null);
    assert.deepEqual(effect.omitStages, union, `${policyStages.join(',')} + ${ruleStages.join(',')}`);
  }
});

test('TestOmitManagedFields: the rule overrides the policy when set', () => {
  for (const c of OMIT_MANAGED_FIELDS_CASES) {
    const policy = policyOf({ rules: [{ level: 'RequestResponse', verbs: ['get'], omitManagedFields: c.rule }], omitManagedFields: c.policy });
    const e = evaluate(policy, attributesOf({ verb: 'get' }), v);
    assert.equal(e.rule, 0, c.name);
    assert.equal(e.omitManagedFields, c.want, c.name);
  }
});

test('no match: level None with the policy-level omitStages and omitManagedFields', () => {
  const policy = policyOf({ rules: [RULES.create], omitStages: ['Panic', 'RequestReceived'], omitManagedFields: true });
  assert.deepEqual(effectOf(policy, null), { level: 'None', omitStages: ['RequestReceived', 'Panic'], omitManagedFields: true });
  const e = evaluate(policy, attributesOf(ATTRIBUTES.namespaced), v);
  assert.equal(e.rule, null);
  assert.deepEqual({ level: e.level, omitStages: e.omitStages, omitManagedFields: e.omitManagedFields }, effectOf(policy, null));
});
