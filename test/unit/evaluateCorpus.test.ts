// Real data: logs/audit2rbac-demo.jsonl was recorded by kube-apiserver with
// policies/audit2rbac-demo.yaml (PROVENANCE.md). Evaluating each event against that policy must give
// the level the server logged it at, and its stage must not be one the policy omits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluate } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus');

test('audit2rbac demo: every recorded event has the level our evaluation gives, in a stage not omitted', () => {
  const { policy } = loadPolicy(readFileSync(join(CORPUS, 'policies', 'audit2rbac-demo.yaml'), 'utf8'), LATEST_KUBERNETES_VERSION);
  const lines = readFileSync(join(CORPUS, 'logs', 'audit2rbac-demo.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 37);
  lines.forEach((line, i) => {
    const event = JSON.parse(line) as { level: string; stage: string };
    const read = eventToAttributes(event);
    assert.ok(read.ok, `line ${i + 1}`);
    if (!read.ok) return;
    const e = evaluate(policy, read.attributes, LATEST_KUBERNETES_VERSION);
    assert.equal(e.level, event.level, `line ${i + 1}`);
    assert.ok(!(e.omitStages as readonly string[]).includes(event.stage), `line ${i + 1}: stage ${event.stage} is omitted`);
  });
});
