// Protocol tests: every request type, with the same bodies against the in-process server and the
// spawned out/server.js (--stdio). Run `npm run build` first. Goldens: UPDATE_GOLDENS=1 rewrites them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { codeDocumentationUrl } from '../../server/src/core/describe/codeDocumentationUrl.ts';
import type { ReportEntry } from '../../server/src/core/report.ts';
import { ExplainRequest, type ExplainCommandArgs, type ExplainRequestResult, type ExplainSuccess } from '../../server/src/protocol.ts';
import { checkGolden, withoutRequests } from '../helpers/golden.ts';
import { CLIENT_CAPABILITIES, startSession, TRANSPORTS, waitFor, type LspSession } from './lspSession.ts';

const ROOT = resolve(__dirname, '../..');
const CORPUS = join(ROOT, 'test/fixtures/corpus/policies');
const FIXTURE = join(__dirname, 'fixtures/policy.yaml');
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const golden = (name: string): string => join(__dirname, 'goldens', `${name}.json`);
const CORPUS_FILES = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();
/** Header-less corpus files (gce 2017) count as policies through the files setting. */
const SETTINGS = { files: ['**/*audit*policy*.y{a,}ml', '**/corpus/policies/*.yaml'] };

const uriOf = (path: string): string => pathToFileURL(path).toString();
const SEVERITY_NAMES: Record<number, ReportEntry['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** The position of the n-th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} not found`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const hoverText = (h: Hover | null): string => (h === null ? '' : (h.contents as MarkupContent).value);
const labels = (r: CompletionItem[] | CompletionList | null): string[] => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

describe('language server over node IPC (--node-ipc)', () => {
  it('lints a policy and answers requests', async () => {
    const s = await startSession('ipc', SETTINGS);
    try {
      const uri = 'file:///work/ipc/audit-policy.yaml';
      await s.open(uri, FIXTURE_TEXT);
      assert.ok((await s.diagnostics(uri)).diagnostics.some((d) => d.code === 'shadowed-rule'));
      assert.notEqual(hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, 'level: Metadata') })), '');
    } finally {
      await s.dispose();
    }
  });
});

describe('language server with a client that pushes settings (no workspace/configuration)', () => {
  it('lints with defaults, then with the pushed settings', async () => {
    const s = await startSession('in-process', {}, { ...CLIENT_CAPABILITIES, workspace: {} });
    try {
      const uri = 'file:///work/push/audit-policy.yaml';
      await s.open(uri, FIXTURE_TEXT);
      assert.ok((await s.diagnostics(uri)).diagnostics.some((d) => d.code === 'shadowed-rule'));
      assert.equal(s.configurationRequests(), 0);
      const published = s.published(uri).length;
      await s.changeSettings({ severity: { 'shadowed-rule': 'off' } }, true);
      const next = await s.diagnostics(uri, () => s.published(uri).length > published);
      assert.ok(!next.diagnostics.some((d) => d.code === 'shadowed-rule'));
    } finally {
      await s.dispose();
    }
  });
});

for (const transport of TRANSPORTS) {
  describe(`language server (${transport})`, () => {
    let s: LspSession;
    before(async () => {
      s = await startSession(transport, SETTINGS);
    });
    after(async () => {
      await s.dispose();
    });

    /** Opens a document under a fresh URI and returns its first diagnostics. */
    let counter = 0;
    async function open(text: string, name = `doc${++counter}-audit-policy.yaml`): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
      const uri = `file:///work/${transport}/${name}`;
      await s.open(uri, text);
      return { uri, diagnostics: (await s.diagnostics(uri)).diagnostics };
    }

    it('publishes for every corpus policy exactly what `lint --format json` prints', async () => {
      // Exit code 1 (error findings in some files) is expected; stdout holds the JSON either way.
      const run = spawnSync(process.execPath, [join(ROOT, 'out/cli.js'), 'lint', '--format', 'json', ...CORPUS_FILES.map((f) => join(CORPUS, f))], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal(run.stderr, '');
      const cli = JSON.parse(run.stdout) as ReportEntry[];
      assert.ok(cli.length > 0);
      for (const file of CORPUS_FILES) {
        const path = join(CORPUS, file);
        await s.open(uriOf(path), readFileSync(path, 'utf8'));
        const { diagnostics } = await s.diagnostics(uriOf(path));
        const expected = cli.filter((e) => e.file === path).map(({ range, severity, code, message }) => ({ range, severity, code, message }));
        const actual = diagnostics.map((d) => ({ range: d.range, severity: SEVERITY_NAMES[d.severity ?? 0], code: d.code, message: d.message }));
        assert.deepEqual(actual, expected, file);
        await s.close(uriOf(path));
      }
    });

    it('links each diagnostic to its code\'s page, with related rules and the unnecessary tag', async () => {
      const { diagnostics } = await open(FIXTURE_TEXT);
      const shadowed = diagnostics.find((d) => d.code === 'shadowed-rule');
      assert.ok(shadowed, 'shadowed-rule reported');
      assert.equal(shadowed.codeDescription?.href, codeDocumentationUrl('shadowed-rule'));
      assert.equal(shadowed.source, 'kube-audit-policy');
      assert.deepEqual(shadowed.tags, [DiagnosticTag.Unnecessary]);
      assert.equal(shadowed.relatedInformation?.[0]?.location.range.start.line, positionOf(FIXTURE_TEXT, '- level: Metadata').line);
    });

    it('leaves YAML that is not an audit policy alone', async () => {
      for (const text of ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n', 'apiVersion: kyverno.io/v1\nkind: Policy\nspec: {}\n', '{{{ not yaml']) {
        const { uri, diagnostics } = await open(text, `other${++counter}.yaml`);
        assert.deepEqual(diagnostics, []);
        assert.equal(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
        assert.deepEqual(await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
      }
    });

    it('treats a header-less file as a policy when the files setting matches it, and a policy in any document', async () => {
      const headerless = await open('rules:\n  - level: Metadata\n', `partial${++counter}-audit-policy.yaml`);
      assert.deepEqual(
        headerless.diagnostics.map((d) => d.code),
        ['missing-api-version', 'missing-kind'],
      );
      const second = await open('apiVersion: v1\nkind: ConfigMap\n---\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata}]\n', `bundle${++counter}.yaml`);
      assert.ok(second.diagnostics.length > 0, 'the file is recognised and linted as kube-apiserver would read it');
    });

    it('lints the latest version after a burst of edits', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      for (let v = 2; v <= 6; v++) await s.change(uri, `${FIXTURE_TEXT}  - level: Nonsense${v}\n`, v);
      const last = await s.diagnostics(uri, (p) => p.version === 6);
      assert.ok(last.diagnostics.some((d) => d.code === 'invalid-level' && String(d.message).includes('Nonsense6')));
    });

    it('hovers: rule summary with reachability, fields, values', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      // Witness requests are the analysis' choice (tested there); the golden keeps the wording.
      const at = async (needle: string, delta = 0, nth = 0): Promise<string> =>
        withoutRequests(hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, needle, delta, nth) })));
      checkGolden(golden('hover'), {
        ruleLevelValue: await at('level: Metadata', 8),
        shadowedRuleDash: await at('- level: Request', 0),
        ruleKey: await at('verbs:', 1),
        verb: await at('"watch"', 2),
        user: await at('system:kube-proxy', 3),
        resource: await at('services/status', 10),
        group: await at('group: apps', 8),
        stage: await at('- RequestReceived', 4),
        url: await at('/healthz*', 2),
        policyKey: await at('omitStages:', 2),
        apiVersionValue: await at('audit.k8s.io/v1', 3),
        comment: await at('# kube-proxy', 4),
      });
    });

    it('a hover over a diagnostic gives the detail its one sentence leaves out, then what the value means', async () => {
      const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n    resources:\n      - group: ""\n        resources: ["deployments"]\n';
      const { uri } = await open(text);
      const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
      const wrong = published.diagnostics.find((d) => d.code === 'resource-in-wrong-group');
      assert.ok(wrong);
      assert.equal(wrong.message, 'The core group ("") has no resource "deployments" (it is in "apps"): this entry never matches it.');
      const value = hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: wrong.range.start }));
      const [detail, meaning] = value.split('\n\n---\n\n');
      assert.ok(detail?.startsWith(`[resource-in-wrong-group](${codeDocumentationUrl('resource-in-wrong-group')}): `), detail);
      assert.match(detail ?? '', /\): kube-apiserver compares the request's group with the entry's exactly: move "deployments" to an entry with group: "apps"\./);
      assert.match(meaning ?? '', /Not a resource of core/);
      // Off the diagnostic's range no detail; the rule's example request says it never happens.
      const level = hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'level: Metadata', 8) }));
      assert.doesNotMatch(level, /\[resource-in-wrong-group\]/);
      assert.match(level, /\(not a request Kubernetes 1\.36 sees: it serves no "deployments" in the core group, see resource-in-wrong-group\)/);
    });

    it('completes keys, levels, verbs, groups, resources of the entry\'s group and subresources', async () => {
      const complete = async (text: string, needle: string, delta: number): Promise<string[]> => {
        const { uri } = await open(text);
        return labels(await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, needle, delta) }));
      };
      const base = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';
      checkGolden(golden('completion'), {
        ruleKey: await complete(`${base}  - level: Metadata\n    ver\n`, '    ver', 7),
        level: await complete(`${base}  - level: \n`, 'level: ', 7),
        verb: await complete(`${base}  - level: Metadata\n    verbs: [get, ]\n`, 'get, ', 5),
        group: await complete(`${base}  - level: Metadata\n    resources:\n      - group: \n`, 'group: ', 7),
        resourceOfGroup: await complete(`${base}  - level: Metadata\n    resources:\n      - group: apps\n        resources: [dep]\n`, '[dep', 4),
        subresource: await complete(`${base}  - level: Metadata\n    resources:\n      - group: ""\n        resources:\n          - pods/\n`, 'pods/', 5),
        userGroup: await complete(`${base}  - level: Metadata\n    userGroups: ["system:"]\n`, '"system:', 8),
        policyKey: await complete(`${base}  - level: Metadata\nomit\n`, '\nomit', 5),
      });
    });

    it('outlines one symbol per rule with its level and summary, and folds rules', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      const symbols = (await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      const folds = await s.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      checkGolden(golden('symbols'), {
        symbols: symbols.map((x) => ({ name: x.name, detail: x.detail, line: x.range.start.line, selectionLine: x.selectionRange.start.line })),
        folds: (folds ?? []).map((f) => [f.startLine, f.endLine]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)),
      });
    });

    it('goes from a shadowed rule to the rules that cover it', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      const locations = (await s.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, 'level: Request', 3) })) as Location[];
      assert.deepEqual(
        locations.map((l) => [l.uri, l.range.start.line]),
        [[uri, positionOf(FIXTURE_TEXT, '- level: Metadata').line]],
      );
      const none = await s.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, 'level: Metadata', 3) });
      assert.deepEqual(none, []);
    });

    it('puts an Explain lens on each rule whose witness explains back to that rule', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      const lenses = (await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
      assert.equal(lenses.length, 6);
      for (const lens of lenses) {
        assert.equal(lens.command?.command, 'kubeAuditPolicy.explainRequest');
        const args = lens.command?.arguments?.[0] as ExplainCommandArgs;
        if (args.rule === 2) {
          assert.equal(args.example, undefined, 'a shadowed rule has no witness');
          continue;
        }
        assert.ok(args.example, `rule ${args.rule} has a witness`);
        // what a person types into the three boxes, not an Event JSON
        assert.match(args.example.request, /^(GET|POST|PUT|PATCH|DELETE|list|watch|deletecollection) \//, `rule ${args.rule}: ${args.example.request}`);
        const { request, user, groups } = args.example;
        const result = await s.connection.sendRequest(ExplainRequest, { textDocument: { uri }, request, ...(user === '' ? {} : { user, groups }) });
        assert.ok(result.ok);
        assert.equal(result.evaluation.rule, args.rule);
      }
    });

    it('explains a request line and a pasted Event, with ranges to highlight', async () => {
      const { uri } = await open(FIXTURE_TEXT);
      const explain = (request: string, user?: string, groups?: string[]): Promise<ExplainRequestResult> =>
        s.connection.sendRequest(ExplainRequest, { textDocument: { uri }, request, ...(user === undefined ? {} : { user }), ...(groups ? { groups } : {}) });
      const line = (await explain('GET /api/v1/namespaces/kube-system/secrets/foo', 'alice', ['system:authenticated'])) as ExplainSuccess;
      assert.equal(line.ok, true);
      assert.equal(line.input, 'request');
      assert.equal(line.evaluation.rule, 1);
      assert.equal(line.evaluation.level, 'Metadata');
      assert.deepEqual(line.attributes.user, { name: 'alice', groups: ['system:authenticated'] });
      assert.equal(line.rules[1]?.range.start.line, positionOf(FIXTURE_TEXT, '- level: Metadata').line);
      assert.equal(line.rules[0]?.fieldRange?.start.line, positionOf(FIXTURE_TEXT, 'users:').line, 'rule 0 failed on users');
      const event = (await explain(JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', requestURI: '/healthz/etcd', user: { username: 'system:anonymous' } }))) as ExplainSuccess;
      assert.equal(event.input, 'event');
      assert.equal(event.evaluation.rule, 3);
      checkGolden(join(__dirname, 'goldens', 'explain.md'), line.markdown);
      const bad = await explain('FETCH /api');
      assert.equal(bad.ok, false);
      const badJson = await explain('{"kind": ');
      assert.ok(!badJson.ok && badJson.message.includes('not valid JSON'));
      const other = await open('apiVersion: v1\nkind: ConfigMap\n', `cm${++counter}.yaml`);
      const notPolicy = await s.connection.sendRequest(ExplainRequest, { textDocument: { uri: other.uri }, request: 'GET /api' });
      assert.equal(notPolicy.ok, false);
    });

    it('re-lints with new settings: severities, off, target Kubernetes version', async () => {
      const text = FIXTURE_TEXT.replace('audit.k8s.io/v1', 'audit.k8s.io/v1beta1');
      const { uri } = await open(text);
      const codes = (p: { diagnostics: Diagnostic[] }): string[] => p.diagnostics.map((d) => `${String(d.code)}:${SEVERITY_NAMES[d.severity ?? 0]}`);
      assert.ok(codes(await s.diagnostics(uri)).includes('unsupported-api-version:error'));
      const published = s.published(uri).length;
      await s.changeSettings({ ...SETTINGS, kubernetesVersion: '1.22', severity: { 'shadowed-rule': 'off', 'deprecated-api-version': 'hint' } });
      const next = codes(await s.diagnostics(uri, () => s.published(uri).length > published));
      assert.ok(next.includes('deprecated-api-version:hint'), next.join());
      assert.ok(!next.some((c) => c.startsWith('shadowed-rule') || c.startsWith('unsupported-api-version')), next.join());
      await s.changeSettings(SETTINGS);
    });

    it('answers a request cancelled while it runs as cancelled', async () => {
      // The hover waits for the document's settings; the client holds them until it has cancelled.
      let release = (): void => undefined;
      s.configurationHold = new Promise((done) => {
        release = done;
      });
      const asked = s.configurationRequests();
      const uri = `file:///work/${transport}/cancel${++counter}-audit-policy.yaml`;
      await s.open(uri, FIXTURE_TEXT);
      const source = new CancellationTokenSource();
      const hover = s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, 'level: Metadata') }, source.token);
      await waitFor('the server to ask for settings', () => (s.configurationRequests() > asked ? true : undefined));
      source.cancel();
      release();
      s.configurationHold = undefined;
      await assert.rejects(hover, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
      assert.notEqual(hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, 'level: Metadata') })), '');
    });

    it('survives hostile input and keeps answering', async () => {
      let seed = 42;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const hostile = [
        Array.from({ length: 4000 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join(''),
        `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${'  - level: Metadata\n    verbs: [get]\n'.repeat(3000)}`,
        `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
        `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}- a:`).join('\n')}\n`,
        'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: &a [*a]\n    users: !!binary AAAA\n',
        `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n    users: ["${'\u{1F600}x'.repeat(500_000)}"]\n`,
      ];
      // A long line ending in a word: scanning it with a regex from every position would be quadratic.
      hostile.push(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    users: [{${'a'.repeat(300_000)} b`);
      for (const text of hostile) {
        const { uri, diagnostics } = await open(text);
        assert.ok(!diagnostics.some((d) => d.code === undefined), `core failed on hostile input: ${diagnostics.map((d) => String(d.message)).join()}`);
        const lines = text.split('\n');
        const end = { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 };
        for (const position of [{ line: 3, character: 6 }, end]) {
          await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
          await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        }
        await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        await s.close(uri);
      }
      const { diagnostics } = await open(FIXTURE_TEXT);
      assert.ok(diagnostics.some((d) => d.code === 'shadowed-rule'), 'still linting after hostile input');
    });

    if (transport === 'in-process') {
      it('shows replay hit counts in lenses and hovers once the replay feature stores them', async () => {
        const { uri } = await open(FIXTURE_TEXT);
        const refreshes = s.codeLensRefreshes();
        s.server?.ruleHits.set(uri, { version: 1, events: 1000, hits: [500, 250, 0, 200, 25, 25] });
        await waitFor('a code lens refresh', () => (s.codeLensRefreshes() > refreshes ? true : undefined));
        const lenses = (await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
        assert.deepEqual(
          lenses.filter((l) => l.command?.command === 'kubeAuditPolicy.showRuleHits').map((l) => l.command?.title),
          ['500 hits of 1,000 events', '250 hits of 1,000 events', '0 hits of 1,000 events', '200 hits of 1,000 events', '25 hits of 1,000 events', '25 hits of 1,000 events'],
        );
        const hover = hoverText(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE_TEXT, '- level: Metadata') }));
        assert.match(hover, /Replay: \*\*250\*\* of 1,000 events \(25\.0%\)/);
      });
    }
  });
}
