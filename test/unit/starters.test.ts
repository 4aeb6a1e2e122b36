// The starter policies of "New Audit Policy…" (client/starters.ts): each file is listed, loads on the
// newest Kubernetes release without an error or a warning (what remains are partial-overlap hints,
// which say that the order of an exception and a broader rule decides some requests: the point of
// an exception placed first), and every rule has a comment right above it saying why it is there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { STARTERS, STARTERS_FOLDER } from '../../client/src/starters.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { lintEntries } from '../helpers/docExamples.ts';

const FOLDER = join(__dirname, '..', '..', ...STARTERS_FOLDER);
const text = (file: string): string => readFileSync(join(FOLDER, file), 'utf8');

test('every starter file is offered, and every offer has its file', () => {
  assert.deepEqual(readdirSync(FOLDER).sort(), STARTERS.map((s) => s.file).sort());
  assert.equal(new Set(STARTERS.map((s) => s.label)).size, STARTERS.length);
});

test('each starter is lint-clean: no error, no warning, no information; hints only partial-overlap', async () => {
  for (const { file } of STARTERS) {
    const entries = await lintEntries(text(file));
    assert.deepEqual(entries.filter((e) => e.code !== 'partial-overlap').map((e) => `${e.range.start.line + 1}: ${e.code}`), [], file);
  }
});

test('each starter says where it comes from, and why each rule is there', () => {
  for (const { file } of STARTERS) {
    const source = text(file);
    assert.match(source, /^# Starter policy: /, `${file} opens with what it is`);
    const lines = source.split('\n');
    const { policy } = lint(source, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    assert.ok(policy.rules.length >= 3, file);
    for (const rule of policy.rules) {
      const line = source.slice(0, rule.source.span.start).split('\n').length - 1;
      assert.match(lines[line - 1] ?? '', /^\s*#\s\S/, `${file}:${line + 1}: rule ${rule.index} has no comment right above it`);
    }
  }
});
