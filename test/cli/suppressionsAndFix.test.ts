// Inline suppressions (both comment styles) and how reports list what they silenced; `lint --fix`
// and `--fix-dry-run`, which apply exactly the editor's "Fix all"; `explain --group a,b`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { folder, HEADER, runCli } from './cliRun.ts';

const codesOf = (text: string): string[] => lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION }).findings.map((f) => f.code);
const suppressedOf = (text: string) => lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION }).suppressed.map((s) => [s.finding.code, s.suppression.justification]);

const RULES = '- level: None\n  verb: [get]\n  resources: [{group: core, resources: [pods]}]\n- level: Metadata\n';

test('disable-next-line silences the codes on the next line only, with an optional reason', () => {
  assert.ok(codesOf(`${HEADER}rules:\n${RULES}`).includes('unknown-field'));
  const text = `${HEADER}rules:\n- level: None\n  # kube-audit-policy: disable-next-line unknown-field -- kept for the old tooling\n  verb: [get]\n  resources: [{group: core, resources: [pods]}]\n- level: Metadata\n`;
  assert.ok(!codesOf(text).includes('unknown-field'));
  assert.ok(codesOf(text).includes('core-group-name'), 'other lines keep their findings');
  assert.deepEqual(suppressedOf(text), [['unknown-field', 'kept for the old tooling']]);
  // Other codes on that line stay; no code means every code; a blank line breaks the block.
  assert.ok(codesOf(text.replace('disable-next-line unknown-field', 'disable-next-line core-group-name')).includes('unknown-field'));
  assert.ok(!codesOf(text.replace('disable-next-line unknown-field -- kept for the old tooling', 'disable-next-line')).includes('unknown-field'));
  assert.ok(codesOf(text.replace('tooling\n', 'tooling\n\n')).includes('unknown-field'));
  // Stacked comment lines each apply.
  const stacked = `${HEADER}rules:\n- level: None\n  # kube-audit-policy: disable-next-line core-group-name\n  # kube-audit-policy: disable-next-line unknown-field\n  resources: [{group: core, resources: [pods]}]\n  verb: [get]\n- level: Metadata\n`;
  assert.ok(!codesOf(stacked).includes('core-group-name'));
});

test('the first style still silences the whole rule below, now also with a reason', () => {
  const text = `${HEADER}rules:\n# kube-audit-policy-disable unknown-field, core-group-name -- legacy\n${RULES}`;
  assert.ok(!codesOf(text).includes('unknown-field'));
  assert.ok(!codesOf(text).includes('core-group-name'));
  assert.deepEqual(suppressedOf(text).map(([, why]) => why), ['legacy', 'legacy']);
});

test('json lists silenced findings with a "suppression" field; the other entries keep exactly the contract fields (and the detail); sarif marks them suppressed', () => {
  const dir = folder({ 'p.yaml': `${HEADER}rules:\n- level: None\n  # kube-audit-policy: disable-next-line unknown-field -- legacy\n  verb: [get]\n- level: Metadata\n` });
  const r = runCli(['lint', '--format', 'json', 'p.yaml'], { cwd: dir });
  const entries = JSON.parse(r.stdout) as Record<string, unknown>[];
  const silenced = entries.filter((e) => 'suppression' in e);
  assert.deepEqual(silenced.map((e) => [e['code'], e['suppression']]), [
    ['unknown-field', { range: { start: { line: 4, character: 2 }, end: { line: 4, character: 64 } }, justification: 'legacy' }],
  ]);
  for (const e of entries.filter((x) => !('suppression' in x))) assert.deepEqual(Object.keys(e).sort(), ['code', 'detail', 'file', 'message', 'range', 'rule', 'severity']);
  assert.doesNotMatch(runCli(['lint', 'p.yaml'], { cwd: dir }).stdout, /unknown-field/, 'text shows only what is not silenced');
  const sarif = JSON.parse(runCli(['lint', '--format', 'sarif', 'p.yaml'], { cwd: dir }).stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[] }[] };
  const results = sarif.runs[0]?.results ?? [];
  assert.deepEqual(results.filter((x) => x.suppressions).map((x) => [x.ruleId, x.suppressions]), [['unknown-field', [{ kind: 'inSource', justification: 'legacy', location: { physicalLocation: { artifactLocation: { uri: 'p.yaml' }, region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 65 } } } }]]]);
});

test('--help documents both suppression styles', () => {
  const help = runCli(['lint', '--help']).stdout;
  assert.match(help, /# kube-audit-policy: disable-next-line CODE/);
  assert.match(help, /# kube-audit-policy-disable CODE/);
  for (const option of ['--fix', '--fix-dry-run', '--quiet', '--max-warnings', '.kube-audit-policy.yaml']) assert.ok(help.includes(option), option);
});

/** What the editor's "Fix all" source action gives, applied until nothing changes. */
function editorFixAll(text: string): string {
  // Loaded lazily: the language server's module is what the editor runs.
  const { codeActions } = require('../../server/src/lsp/codeActions.ts') as typeof import('../../server/src/lsp/codeActions.ts');
  const { LineIndex } = require('../../server/src/core/span.ts') as typeof import('../../server/src/core/span.ts');
  const { DEFAULT_SETTINGS } = require('../../server/src/lsp/settings.ts') as typeof import('../../server/src/lsp/settings.ts');
  for (let i = 0; i < 10; i++) {
    const lines = new LineIndex(text);
    const doc = { uri: 'file:///p.yaml', version: 1, text, lines, settings: DEFAULT_SETTINGS, lint: lint(text, DEFAULT_SETTINGS) };
    const [action] = codeActions(doc, { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    const edits = action?.edit?.changes?.[doc.uri] ?? [];
    if (edits.length === 0) return text;
    text = applyEdits(text, edits.map((e) => ({ span: { start: lines.offset(e.range.start), end: lines.offset(e.range.end) }, newText: e.newText })));
  }
  return text;
}

const BROKEN = `\uFEFF${HEADER}rules:\n- level: metadata\n  verb: [get]\n  resources: [{group: core, resources: [pods]}]\n- level: Metadata\n`;

test('--fix writes what the editor\'s "Fix all" gives (byte-order mark kept), then reports what remains', () => {
  const dir = folder({ 'p.yaml': BROKEN });
  const expected = editorFixAll(BROKEN.slice(1));
  assert.notEqual(expected, BROKEN.slice(1));
  const r = runCli(['lint', '--fix', 'p.yaml'], { cwd: dir });
  assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), `\uFEFF${expected}`);
  assert.doesNotMatch(r.stdout, /invalid-level|unknown-field|core-group-name/);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(runCli(['lint', '--fix', '-'], { cwd: dir, input: BROKEN }).status, 2, '--fix cannot write standard input');
});

test('--fix-dry-run prints a unified diff that patch applies to give the --fix result; nothing is written', () => {
  const dir = folder({ 'p.yaml': BROKEN, 'clean.yaml': `${HEADER}rules:\n- level: Metadata\n` });
  const r = runCli(['lint', '--fix-dry-run', 'p.yaml', 'clean.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^--- p\.yaml\n\+\+\+ p\.yaml\n@@ /);
  assert.match(r.stdout, /^-  verb: \[get\]$/m);
  assert.match(r.stdout, /^\+  verbs: \[get\]$/m);
  assert.doesNotMatch(r.stdout, /clean\.yaml/);
  assert.match(r.stderr, /--fix-dry-run: 1 of 2 files would change; 0 errors and \d+ warnings? would remain/);
  assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), BROKEN);
  const patched = spawnSync('patch', ['-p0', '-s'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
  assert.equal(patched.status, 0, patched.stderr);
  assert.equal(readFileSync(join(dir, 'p.yaml'), 'utf8'), `\uFEFF${editorFixAll(BROKEN.slice(1))}`);
  assert.equal(runCli(['lint', '--fix-dry-run', '--format', 'json', 'p.yaml'], { cwd: dir }).status, 2);
  assert.equal(runCli(['lint', '--fix', '--fix-dry-run', 'p.yaml'], { cwd: dir }).status, 2);
});

test('explain --group a,b: two groups, as the editor\'s box reads them, and no advice to add a group that was given', () => {
  const dir = folder({ 'p.yaml': `${HEADER}rules:\n- level: RequestResponse\n  userGroups: [system:masters]\n- level: None\n` });
  const r = runCli(['explain', 'p.yaml', '--request', 'GET /api/v1/pods', '--user', 'admin', '--group', 'system:authenticated,system:masters', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rule: number; attributes: { groups: string[] } };
  assert.deepEqual(out.attributes.groups, ['system:authenticated', 'system:masters']);
  assert.equal(out.rule, 0);
  assert.equal(r.stderr, '', 'no note telling to add system:authenticated');
  const repeated = runCli(['explain', 'p.yaml', '--request', 'GET /api/v1/pods', '--user', 'admin', '--group', 'system:masters', '--group', 'system:authenticated', '--format', 'json'], { cwd: dir });
  assert.deepEqual((JSON.parse(repeated.stdout) as { attributes: { groups: string[] } }).attributes.groups, ['system:masters', 'system:authenticated']);
});
