// package.json as the Marketplace, Open VSX and npm read it: the address is declared once
// (`repository`) and every documentation link derives from it; the icon; the walkthrough's media and
// commands; what Restricted Mode and virtual workspaces get; the `files` whitelist; no runtime
// dependency (everything is bundled), every version pinned; texts in package.nls.json; and
// `engines` that every locked package accepts, so `npm ci` prints no engine warning on any Node.js
// we claim.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import semver from 'semver';
import { codeDocumentationUrl, REPOSITORY_URL, repositoryFileUrl } from '../../server/src/core/describe/codeDocumentationUrl.ts';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  private?: boolean;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  icon: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  bin: Record<string, string>;
  files: string[];
  engines: { node: string; vscode: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces: boolean | { supported: boolean | 'limited'; description: string };
  };
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[] }[];
  };
};
/** The repository's files (relative paths), without dependencies, build output, ignored folders and binary files. */
function repositoryFiles(dir = ''): string[] {
  const skip = /^(node_modules|out|\.git|\.scratch|\.bench|\.vscode-test|test\/e2e\/\.shots)$|\.(png|gz|wasm|vsix|tgz)$/;
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = dir === '' ? e.name : `${dir}/${e.name}`;
    if (skip.test(path)) return [];
    return e.isDirectory() ? repositoryFiles(path) : [path];
  });
}

const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localized = (s: string): string => s.replace(/^%([^%]+)%$/, (whole, key: string) => nls[key] ?? whole);

test('the repository address is declared once; homepage, bugs and every documentation link derive from it', () => {
  assert.equal(manifest.repository.type, 'git');
  assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  assert.equal(`${REPOSITORY_URL}.git`, manifest.repository.url);
  assert.equal(manifest.homepage, `${REPOSITORY_URL}#readme`);
  assert.equal(manifest.bugs.url, `${REPOSITORY_URL}/issues`);
  // vsce rewrites the README's relative links against the same base (`/blob/HEAD/`).
  assert.equal(codeDocumentationUrl('shadowed-rule'), repositoryFileUrl('docs/codes/shadowed-rule.md'));
  assert.equal(repositoryFileUrl('docs/codes/shadowed-rule.md'), `${REPOSITORY_URL}/blob/HEAD/docs/codes/shadowed-rule.md`);
  const ownerAndName = new URL(REPOSITORY_URL).pathname.slice(1);
  const spelled = repositoryFiles().filter((f) => !['package.json', 'package-lock.json'].includes(f) && readFileSync(join(ROOT, f), 'utf8').includes(ownerAndName));
  assert.deepEqual(spelled, [], `no other file spells ${ownerAndName}`);
  assert.deepEqual(repositoryFiles().filter((f) => f.startsWith('server/src/') && /https?:\/\/github\.com/.test(readFileSync(join(ROOT, f), 'utf8'))), [], 'nor a GitHub address in the sources');
});

test('the icon is a 128×128 PNG; the gallery banner, categories and keywords are set', () => {
  const png = readFileSync(join(ROOT, manifest.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  assert.ok(manifest.categories.includes('Linters'));
  assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30);
});

test('the walkthrough: its media exist, and its buttons and completion events name commands that exist', () => {
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  const builtIn = new Set(['workbench.actions.view.problems']);
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.ok(walkthrough);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openPolicy', 'fixFinding', 'explainRequest', 'replayLog', 'compareSaved']);
  for (const step of walkthrough.steps) {
    const media = step.media.markdown ?? step.media.image ?? '';
    assert.ok(existsSync(join(ROOT, media)), `${step.id}: ${media}`);
    const commands = [
      ...[...localized(step.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] as string),
      ...(step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
    ];
    assert.ok(commands.length > 0, `${step.id} has a command`);
    for (const c of commands) assert.ok(contributed.has(c) || builtIn.has(c), `${step.id}: ${c}`);
  }
});

test('Restricted Mode and virtual workspaces are declared; the restricted setting exists', () => {
  const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
  assert.equal(untrustedWorkspaces.supported, 'limited');
  assert.ok(localized(untrustedWorkspaces.description ?? '').length > 40);
  for (const key of untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(key in manifest.contributes.configuration.properties, key);
  assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['kubeAuditPolicy.replay.logFiles']);
  assert.ok(typeof virtualWorkspaces === 'object' && localized(virtualWorkspaces.description).length > 40);
});

test('the packages: not private, the CLI as bin, a files whitelist, and no runtime dependency (everything is bundled)', () => {
  assert.equal(manifest.private, undefined);
  assert.deepEqual(manifest.bin, { 'kube-audit-policy': 'out/cli.js' });
  for (const entry of ['out/*.js', 'docs/', 'client/starters/', 'client/walkthrough/', manifest.icon, 'package.nls.json', 'LICENSE', 'NOTICE']) assert.ok(manifest.files.includes(entry), entry);
  for (const entry of manifest.files.filter((f) => !f.includes('*'))) assert.ok(existsSync(join(ROOT, entry)), `${entry} exists`);
  assert.ok(!manifest.files.some((f) => /^(server|test|scripts|node_modules)\b|\.map$/.test(f)), 'no sources, tests or maps');
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.deepEqual(manifest.optionalDependencies ?? {}, {}, 'optional engines are loaded on demand, never installed for everyone');
});

test('engines: every locked package accepts every Node.js we claim, and this one is claimed', () => {
  assert.ok(semver.validRange(manifest.engines.node), manifest.engines.node);
  assert.ok(semver.satisfies(process.version, manifest.engines.node), `${process.version} satisfies ${manifest.engines.node}`);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
  const refusing = Object.entries(lock.packages)
    .filter(([name, p]) => name !== '' && !Array.isArray(p.engines) && p.engines?.node !== undefined && !semver.subset(manifest.engines.node, p.engines.node))
    .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`);
  assert.deepEqual(refusing, []);
  // The editor tests run code-server 4.100.3 (VS Code 1.100.3); @types/vscode may not be newer than the oldest VS Code accepted.
  assert.ok(semver.satisfies('1.100.3', manifest.engines.vscode));
  assert.ok(semver.lte(manifest.devDependencies['@types/vscode'] ?? '', semver.minVersion(manifest.engines.vscode) ?? '0.0.0'));
});

test('package.nls.json: every contributed title and description is a %key% it defines, and it defines no other', () => {
  const keys: string[] = [];
  const literal: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const key = /^%([^%]+)%$/.exec(value)?.[1];
      if (key !== undefined) keys.push(key);
      else if (/\.(title|shortTitle|description|markdownDescription|patternErrorMessage)$/.test(path)) literal.push(path);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
    }
  };
  visit(manifest.contributes, 'contributes');
  visit(manifest.capabilities, 'capabilities');
  assert.deepEqual(literal, [], 'texts a user reads are localizable');
  assert.deepEqual(keys.filter((k) => !(k in nls)), [], 'every key is defined');
  assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'every definition is used');
});

test('every dependency is pinned to an exact version', () => {
  const loose = Object.entries(manifest.devDependencies).filter(([, v]) => semver.valid(v) === null);
  assert.deepEqual(loose, []);
});
