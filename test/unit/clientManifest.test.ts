// package.json's contributions and the injection grammar: the ids, settings and files the client and
// server rely on, and what the grammar colours (its regexes are checked with JS's engine, which agrees
// with Oniguruma on the constructs used: look-behind, back-references, alternation).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CODES } from '../../server/src/core/codes.ts';
import { DEFAULT_FILE_PATTERNS, EXPLAIN_COMMAND, SETTINGS_SECTION } from '../../server/src/protocol.ts';

interface Setting {
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  properties?: Record<string, Setting>;
}

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, Setting> };
    yamlValidation: { fileMatch: string[]; url: string }[];
    menus: Record<string, { command: string; when: string }[]>;
    grammars: { scopeName: string; path: string; injectTo: string[] }[];
  };
}
const root = join(__dirname, '../..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
// Contributed titles and descriptions are `%key%` placeholders VS Code reads from package.nls.json.
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localized = (s: string | undefined): string | undefined => s?.replace(/^%([^%]+)%$/, (whole, key: string) => nls[key] ?? whole);

test('every %placeholder% in package.json has its text in package.nls.json, and every text is used', () => {
  const used = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
  assert.deepEqual(used.filter((k) => !(k in nls)), []);
  assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), []);
});

test('commands are kubeAuditPolicy.* in the "Kubernetes Audit Policy" category, the code-lens command among them', () => {
  const ids = manifest.contributes.commands.map((c) => c.command);
  assert.ok(ids.includes(EXPLAIN_COMMAND));
  assert.ok(ids.includes('kubeAuditPolicy.restartServer'));
  for (const c of manifest.contributes.commands) {
    assert.match(c.command, /^kubeAuditPolicy\.[a-zA-Z]+$/);
    assert.equal(localized(c.category), 'Kubernetes Audit Policy');
  }
  const explain = manifest.contributes.commands.find((c) => c.command === EXPLAIN_COMMAND);
  assert.equal(`${localized(explain?.category)}: ${localized(explain?.title)}`, 'Kubernetes Audit Policy: Explain Request…');
});

test('every setting the server reads is declared with a description; files defaults agree', () => {
  const props = manifest.contributes.configuration.properties;
  for (const key of ['kubernetesVersion', 'severity', 'files', 'trace.server']) {
    const p = props[`${SETTINGS_SECTION}.${key}`];
    assert.ok(p, key);
    assert.ok((localized(p.description ?? p.markdownDescription) ?? '').length > 20, `${key} has a description`);
  }
  assert.deepEqual(props[`${SETTINGS_SECTION}.files`]?.default, DEFAULT_FILE_PATTERNS);
});

test('the severity setting lists every finding code with its summary and default (settings.json completes them)', () => {
  const severity = manifest.contributes.configuration.properties[`${SETTINGS_SECTION}.severity`];
  assert.deepEqual(Object.keys(severity?.properties ?? {}), Object.keys(CODES));
  for (const [code, info] of Object.entries(CODES)) {
    const p = severity?.properties?.[code];
    assert.deepEqual(p?.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
    assert.equal(localized(p?.markdownDescription), `${info.summary} Default: \`${info.severity}\`.`, code);
  }
});

test('the schema goes to the YAML extension for the default file patterns; bundled files exist', () => {
  for (const v of manifest.contributes.yamlValidation) {
    assert.ok(existsSync(join(root, v.url)), v.url);
    for (const m of v.fileMatch) assert.match(m, /audit\*policy\*|^!\*\*\/\*\.test\.ya?ml$/);
  }
  const policy = manifest.contributes.yamlValidation.filter((v) => v.url.endsWith('audit-policy.schema.json'));
  for (const ext of ['yaml', 'yml']) assert.ok(policy.some((v) => v.fileMatch[0]?.endsWith(`.${ext}`) && v.fileMatch.includes(`!**/*.test.${ext}`)), ext);
  assert.equal(manifest.main, './out/extension.js');
  assert.ok(manifest.activationEvents.includes('onLanguage:yaml'));
  for (const g of manifest.contributes.grammars) {
    assert.ok(existsSync(join(root, g.path)), g.path);
    assert.deepEqual(g.injectTo, ['source.yaml']);
  }
});

test('policy test files get their own schema and never the policy schema (Red Hat YAML would combine both)', () => {
  const tests = manifest.contributes.yamlValidation.filter((v) => v.url.endsWith('policy-test.schema.json'));
  assert.deepEqual(tests.flatMap((v) => v.fileMatch), ['**/*audit*policy*.test.yaml', '**/*audit*policy*.test.yml']);
});

test('Compare with… is a command and the title action of policy editors (the walkthrough names its id)', () => {
  const ids = manifest.contributes.commands.map((c) => c.command);
  assert.ok(ids.includes('kubeAuditPolicy.compareWith'));
  assert.deepEqual(manifest.contributes.menus['editor/title'], [{ command: 'kubeAuditPolicy.compareWith', when: 'kubeAuditPolicy.isPolicy && resourceLangId == yaml', group: 'navigation' }]);
});

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, { match?: string; name?: string; patterns?: { match: string; name: string }[] }>;
}
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/audit-policy.injection.tmLanguage.json'), 'utf8')) as Grammar;

/** The level names the grammar's level pattern finds in a line (captures 4 and 6). */
function levelsIn(line: string): string[] {
  const re = new RegExp(grammar.repository['level']?.match ?? '', 'g');
  return [...line.matchAll(re)].map((m) => m[4] ?? m[6] ?? '');
}
function stagesIn(line: string): string[] {
  const re = new RegExp(grammar.repository['stage']?.match ?? '', 'g');
  return [...line.matchAll(re)].map((m) => m[1] ?? '');
}

test('grammar: levels after a level key, quoted or not, block or flow; not elsewhere', () => {
  const cases: [string, string[]][] = [
    ['- level: Metadata', ['Metadata']],
    ['  level: "RequestResponse"  # bodies', ['RequestResponse']],
    ["rules: [{level: None, verbs: [get]}]", ['None']],
    ['    - level: Request', ['Request']],
    ['  level: "Request\'', []],
    ['  level: Metadatas', []],
    ['  loglevel: None', []],
    ['  name: None', []],
  ];
  for (const [line, expected] of cases) assert.deepEqual(levelsIn(line), expected, line);
  const names = grammar.repository['level-name']?.patterns ?? [];
  // RequestResponse must be tried before Request, or it would be coloured as Request + "Response".
  assert.ok(names.findIndex((p) => p.match === 'RequestResponse') < names.findIndex((p) => p.match === 'Request'));
});

test('grammar: the four stage names as whole words', () => {
  const cases: [string, string[]][] = [
    ['omitStages: [RequestReceived, "Panic"]', ['RequestReceived', 'Panic']],
    ['  - ResponseStarted', ['ResponseStarted']],
    ['  - ResponseComplete # done', ['ResponseComplete']],
    ['  - PanicAttack', []],
    ['  path: /Panic', []],
  ];
  for (const [line, expected] of cases) assert.deepEqual(stagesIn(line), expected, line);
  assert.equal(grammar.injectionSelector, 'L:source.yaml -comment');
  assert.equal(grammar.scopeName, manifest.contributes.grammars[0]?.scopeName);
});
