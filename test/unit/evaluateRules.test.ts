// One rule against one request: match, first failing field and reason (ruleCases.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleMatches } from '../../server/src/core/evaluate/ruleMatches.ts';
import { ruleVerdict } from '../../server/src/core/evaluate/ruleVerdict.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { attributesOf, ruleOf } from '../fixtures/semantics/build.ts';
import { RULE_CASES, type RuleCase } from '../fixtures/semantics/ruleCases.ts';

function check(c: RuleCase): void {
  const v = c.minor === undefined ? LATEST_KUBERNETES_VERSION : { major: 1 as const, minor: c.minor };
  const rule = ruleOf(c.rule, 3);
  const attrs = attributesOf(c.request);
  assert.equal(ruleMatches(rule, attrs, v), c.matched, c.name);
  assert.deepEqual(ruleVerdict(rule, attrs, v), { rule: 3, matched: c.matched, field: c.field, reason: c.reason }, c.name);
}

for (const c of RULE_CASES) test(c.name, () => check(c));
