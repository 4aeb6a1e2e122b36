// The repository config file `.kube-audit-policy.yaml`: its schema and the problems it reports (with
// line and column), the nearest one above a policy applies, the CLI's options override it, and the
// language server reads the same file under the editor's settings, so CLI and editor agree.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core/span.ts';
import { parseRepositoryConfig } from '../../server/src/core/workspace/repositoryConfig.ts';
import { RepositoryConfigFinder } from '../../server/src/io/repositoryConfigFile.ts';
import { resolveSettings } from '../../server/src/lsp/settings.ts';
import { CLIENT_CAPABILITIES, startSession } from '../protocol/lspSession.ts';
import { folder, HEADER, runCli } from './cliRun.ts';

const V1BETA1 = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n';
const TYPO = `${HEADER}rules:\n- level: Metadata\n  verb: [get]\n`;

/** Problems as `line:col message`, 1-based. */
function problems(text: string): string[] {
  const lines = new LineIndex(text);
  return parseRepositoryConfig(text).problems.map((p) => {
    const at = lines.position(p.span.start);
    return `${at.line + 1}:${at.character + 1} ${p.message}`;
  });
}

test('schema: kubernetesVersion (1.30 unquoted stays 1.30), severity per code, files', () => {
  const parsed = parseRepositoryConfig('kubernetesVersion: 1.30\nseverity:\n  partial-overlap: off\n  no-catch-all: warning\nfiles:\n  - "clusters/*/audit.yaml"\n');
  assert.deepEqual(parsed, { config: { kubernetesVersion: { major: 1, minor: 30 }, severity: { 'partial-overlap': 'off', 'no-catch-all': 'warning' }, files: ['clusters/*/audit.yaml'] }, problems: [] });
  assert.deepEqual(parseRepositoryConfig(''), { config: { severity: {}, files: [] }, problems: [] });
  assert.deepEqual(parseRepositoryConfig('# nothing set\n').problems, []);
});

test('schema: every bad key or value is a problem at its place; the good fields are kept', () => {
  const text = 'kubernetesVersion: "2.0"\nseverity:\n  unknown-feild: off\n  shadowed-rule: warn\n  partial-overlap: off\nfiles: "*.yaml"\nkubernetesVerison: 1\n';
  assert.deepEqual(problems(text), [
    "1:20 kubernetesVersion '2.0' is not a version like 1.30 (supported: 1.19 to 1.36)",
    '3:3 severity: unknown code "unknown-feild"; did you mean "unknown-field"?',
    '4:18 severity shadowed-rule: "warn" is not a level; use error, warning, information, hint or off; did you mean "warning"?',
    '6:8 files must be a list of glob patterns, e.g. ["clusters/*/audit.yaml"]',
    '7:1 unknown key "kubernetesVerison": expected kubernetesVersion, severity or files; did you mean "kubernetesVersion"?',
  ]);
  assert.deepEqual(parseRepositoryConfig(text).config.severity, { 'partial-overlap': 'off' });
  assert.deepEqual(problems('kubernetesVersion: "1.12"\n'), ["1:20 kubernetesVersion 1.12 is not supported (supported: 1.19 to 1.36)"]);
  assert.deepEqual(problems('files: ["[z-a]", 3, {a: 1}]\n'), ['1:9 files: "[z-a]" is not a valid glob pattern', '1:21 files: each entry is a glob pattern (a string)']);
  assert.deepEqual(problems('- a\n- b\n'), ['1:1 the file must be a mapping with the keys kubernetesVersion, severity or files']);
  assert.match(problems('severity: {a: [b\n')[0] ?? '', /^2:1 Flow sequence/, 'broken YAML is a problem with its place');
  assert.deepEqual(problems('severity:\n  shadowed-rule: off\nseverity: {}\n'), ['3:1 this key is set twice']);
});

test('the finder: the nearest config in the folder or above, none when there is none', async () => {
  const dir = folder({ '.kube-audit-policy.yaml': 'kubernetesVersion: "1.23"\n', 'a/b/policy.yaml': V1BETA1, 'a/c/.kube-audit-policy.yaml': 'kubernetesVersion: "1.30"\n' });
  const finder = new RepositoryConfigFinder();
  assert.equal((await finder.forFile(join(dir, 'a/b/policy.yaml')))?.path, join(dir, '.kube-audit-policy.yaml'));
  assert.equal((await finder.forFile(join(dir, 'a/c/policy.yaml')))?.parsed.config.kubernetesVersion?.minor, 30);
  assert.equal(await new RepositoryConfigFinder().find('/'), undefined);
});

test('CLI: the config decides the release and severities; options override it', () => {
  const dir = folder({ '.kube-audit-policy.yaml': 'kubernetesVersion: "1.23"\nseverity:\n  deprecated-api-version: error\n  unknown-field: "off"\n', 'sub/old.yaml': V1BETA1, 'sub/typo.yaml': TYPO });
  const old = runCli(['lint', '--format', 'json', 'sub/old.yaml'], { cwd: dir });
  // 1.23 still loads v1beta1 (deprecated), which the config makes an error.
  assert.deepEqual((JSON.parse(old.stdout) as { code: string; severity: string }[]).map((e) => [e.code, e.severity]), [['deprecated-api-version', 'error']]);
  assert.equal(old.status, 1);
  assert.equal(runCli(['lint', 'sub/old.yaml', '--severity', 'deprecated-api-version=warning'], { cwd: dir }).status, 0);
  const newest = runCli(['lint', '--format', 'json', 'sub/old.yaml', '--kubernetes-version', '1.36'], { cwd: dir });
  assert.ok((JSON.parse(newest.stdout) as { code: string }[]).some((e) => e.code === 'unsupported-api-version'));
  assert.equal(runCli(['lint', 'sub/typo.yaml'], { cwd: dir }).stdout, 'No problems found in 1 file.\n');
  // explain, analyze and replay take the release from the same file.
  const explained = runCli(['explain', 'sub/old.yaml', '--request', 'GET /api', '--format', 'json'], { cwd: dir });
  assert.equal(explained.status, 0);
  assert.equal(explained.stderr, '', 'v1beta1 loads on the configured 1.23: no "would refuse it" warning');
});

test('CLI: the config\'s files patterns, relative to its folder, make header-less files policies in a directory walk; the config itself is none', () => {
  const dir = folder({ 'repo/.kube-audit-policy.yaml': 'files: ["/clusters/*/rules.yaml"]\n', 'repo/clusters/prod/rules.yaml': 'rules:\n- level: Metadata\n', 'repo/other/clusters/x/rules.yaml': 'rules: []\n' });
  const r = runCli(['lint', '--format', 'json', 'repo'], { cwd: dir });
  assert.deepEqual([...new Set((JSON.parse(r.stdout) as { file: string }[]).map((e) => e.file))], ['repo/clusters/prod/rules.yaml']);
});

test('CLI: a config with problems stops the run with file:line:col messages and exit 2', () => {
  const dir = folder({ '.kube-audit-policy.yaml': 'kubernetesVersion: "1.23"\nseverty:\n  x: off\n', 'p.yaml': TYPO });
  const r = runCli(['lint', 'p.yaml'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'kube-audit-policy lint: .kube-audit-policy.yaml:2:1: unknown key "severty": expected kubernetesVersion, severity or files; did you mean "severity"?\n');
  assert.equal(runCli(['explain', 'p.yaml', '--request', 'GET /api'], { cwd: dir }).status, 2);
});

test('editor settings: the config under the settings; a set value overrides it, an empty one does not', async () => {
  const dir = folder({ '.kube-audit-policy.yaml': 'kubernetesVersion: "1.23"\nseverity:\n  unknown-field: error\n  no-catch-all: "off"\nfiles: [policies/*.yaml]\n' });
  const found = await new RepositoryConfigFinder().find(dir);
  assert.ok(found);
  const fromConfig = resolveSettings({ kubernetesVersion: '', severity: {}, files: [] }, found);
  assert.equal(fromConfig.kubernetesVersion.minor, 23);
  assert.deepEqual(fromConfig.severities, { 'unknown-field': 'error', 'no-catch-all': 'off' });
  assert.ok(fromConfig.files.some((f) => f.test(join(dir, 'x/policies/a.yaml'))));
  assert.ok(!fromConfig.files.some((f) => f.test('/elsewhere/policies/a.yaml')));
  const overridden = resolveSettings({ kubernetesVersion: '1.30', severity: { 'unknown-field': 'hint' } }, found);
  assert.equal(overridden.kubernetesVersion.minor, 30);
  assert.deepEqual(overridden.severities, { 'unknown-field': 'hint', 'no-catch-all': 'off' });
  assert.notEqual(fromConfig.key, resolveSettings({ kubernetesVersion: '', severity: {}, files: [] }).key);
});

test('language server: diagnostics follow the config file, and follow it again when it changes', async () => {
  const dir = folder({ '.kube-audit-policy.yaml': 'severity:\n  unknown-field: error\n' });
  const uri = pathToFileURL(join(dir, 'audit-policy.yaml')).toString();
  const s = await startSession('in-process', {}, { ...CLIENT_CAPABILITIES, workspace: { ...CLIENT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } });
  try {
    await s.open(uri, TYPO);
    const first = await s.diagnostics(uri);
    assert.deepEqual(first.diagnostics.filter((d) => d.code === 'unknown-field').map((d) => d.severity), [DiagnosticSeverity.Error]);
    writeFileSync(join(dir, '.kube-audit-policy.yaml'), 'severity:\n  unknown-field: hint\n');
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, '.kube-audit-policy.yaml')).toString(), type: FileChangeType.Changed }] });
    const second = await s.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-field' && d.severity === DiagnosticSeverity.Hint));
    assert.ok(second);
    // The editor's setting wins over the file.
    await s.changeSettings({ severity: { 'unknown-field': 'warning' } });
    await s.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-field' && d.severity === DiagnosticSeverity.Warning));
  } finally {
    await s.dispose();
  }
});
