// Lint speed: every corpus policy (the typing-speed case the editor hits on each change), then
// generated policies of growing size (the loader's YAML parse dominates).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';

const time = (f: () => void): number => {
  const start = performance.now();
  f();
  return performance.now() - start;
};

function generated(rules: number): string {
  let text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';
  for (let i = 0; i < rules; i++) text += `- level: Metadata\n  users: ["user${i}"]\n  verbs: [get, list]\n  resources:\n  - group: ""\n    resources: [pods, "pods/log"]\n`;
  return text;
}

export function runLintBench(): void {
  const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'corpus', 'policies');
  const corpus = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
  const options = { kubernetesVersion: LATEST_KUBERNETES_VERSION };
  const rounds = 5;
  const lintMs = time(() => {
    for (let r = 0; r < rounds; r++) for (const text of corpus) lint(text, options);
  });
  console.log(`lint: ${corpus.length} corpus policies x ${rounds}: ${(lintMs / (corpus.length * rounds)).toFixed(1)} ms per policy`);
  for (const rules of [100, 1000, 5000]) {
    const text = generated(rules);
    const ms = time(() => loadPolicy(text, LATEST_KUBERNETES_VERSION));
    console.log(`load: ${rules} rules (${(text.length / 1024).toFixed(0)} KiB): ${ms.toFixed(0)} ms (${((text.length / 1024 / 1024) / (ms / 1000)).toFixed(2)} MiB/s)`);
  }
}
