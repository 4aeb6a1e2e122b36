// The language server publishes a document's findings before its reachability analysis is done,
// then the complete ones: lintBeforeAnalysis gives the first, its withAnalysis exactly what `lint`
// gives (same findings, overrides, suppressions and order).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint, lintBeforeAnalysis, type LintOptions } from '../../server/src/core/lint.ts';
import { generatedPolicy } from '../../scripts/bench/generatedPolicies.ts';

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus', 'policies');
const REACHABILITY = new Set(['unsatisfiable-rule', 'shadowed-rule', 'redundant-rule', 'catch-all-not-last', 'partial-overlap', 'analysis-incomplete']);

const texts = [...readdirSync(CORPUS).map((f) => readFileSync(join(CORPUS, f), 'utf8')), generatedPolicy(60, 3), generatedPolicy(300, 8)];

test('with its analysis, the staged lint is lint; before it, lint without the reachability findings', () => {
  const options: LintOptions[] = [
    { kubernetesVersion: LATEST_KUBERNETES_VERSION },
    { kubernetesVersion: LATEST_KUBERNETES_VERSION, severities: { 'partial-overlap': 'off', 'shadowed-rule': 'error', 'unknown-resource': 'hint' } },
  ];
  for (const text of texts) {
    for (const o of options) {
      const staged = lintBeforeAnalysis(text, o);
      const full = lint(text, o);
      assert.deepEqual(staged.result.findings, full.findings.filter((f) => !REACHABILITY.has(f.code)));
      assert.deepEqual(staged.withAnalysis(analyzePolicy(staged.result.policy, o)).findings, full.findings);
    }
  }
});

test('suppression comments apply to the findings that come with the analysis', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verbs: [get]\n# kube-audit-policy-disable shadowed-rule\n- level: Metadata\n  verbs: [get]\n- level: Metadata\n  verbs: [get]\n';
  const staged = lintBeforeAnalysis(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  const codes = staged.withAnalysis(analyzePolicy(staged.result.policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION })).findings.map((f) => [f.rule, f.code]);
  assert.ok(!codes.some(([rule, code]) => rule === 1 && code === 'shadowed-rule'), JSON.stringify(codes));
  assert.ok(codes.some(([rule, code]) => rule === 2 && code === 'shadowed-rule'), JSON.stringify(codes));
});
