// The browser build of the language server (out/browser/server.js, vscode.dev and github.dev) in a
// real Chromium Web Worker: it initializes, publishes for corpus policies exactly what `lint
// --format json` prints, hovers as the desktop server does, runs policy test files whose policy it
// reads through the client (ReadTextFileRequest, workspace.fs in the editor), and has no replay.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  HoverRequest,
  RegistrationRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ResponseError,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { ReportEntry } from '../../server/src/core/report.ts';
import { ReadTextFileRequest, ReplayLoadRequest, RunPolicyTestsRequest, type ReadTextFileResult } from '../../server/src/protocol.ts';
import { CLIENT_CAPABILITIES, startSession, waitFor, type LspSession } from '../protocol/lspSession.ts';
import { startWorkerSession, type WorkerSession } from './workerSession.ts';

const ROOT = resolve(__dirname, '../..');
const CORPUS = join(ROOT, 'test/fixtures/corpus/policies');
/** Findings of many codes (v1beta1, sensitive bodies, shadowed rules, unknown resources) and none. */
const FILES = ['ack-default-v1beta1.yaml', 'aks-engine.yaml', 'gce-configure-helper.yaml', 'openshift-oauth.yaml', 'audicia.yaml'];
const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];
/** A browser workspace has no file: URIs (vscode-test-web, vscode-vfs for github.dev). */
const webUri = (name: string): string => `vscode-test-web://mount/policies/${name}`;

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets"]
- level: RequestResponse
`;
const TEST = `apiVersion: kube-audit-policy/v1alpha1
kind: PolicyTest
policy: ../policies/audit-policy.yaml
cases:
- name: kube-proxy is not logged
  request: GET /api/v1/endpoints
  user: system:kube-proxy
  expect: {level: None, rule: 0}
- name: secrets at Metadata
  request: GET /api/v1/namespaces/default/secrets/db
  expect: {level: Metadata, rule: 1}
- name: a wrong expectation
  request: GET /api/v1/pods
  expect: {level: None}
`;

describe('browser language server in a Chromium Web Worker', () => {
  let web: WorkerSession;
  let desktop: LspSession;
  let initialized: InitializeResult;
  const published = new Map<string, PublishDiagnosticsParams>();
  /** What the client's workspace.fs holds; the server must ask for it. */
  const files = new Map<string, string>([[webUri('audit-policy.yaml'), POLICY]]);
  const asked: string[] = [];

  before(async () => {
    web = await startWorkerSession();
    const c = web.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.set(p.uri, p);
    });
    c.onRequest(ReadTextFileRequest, ({ uri }): ReadTextFileResult => {
      asked.push(uri);
      const text = files.get(uri);
      return text === undefined ? { ok: false, error: 'no such file' } : { ok: true, text };
    });
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => null)); // default settings
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(CodeLensRefreshRequest.type, () => undefined);
    c.listen();
    initialized = await c.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: CLIENT_CAPABILITIES, workspaceFolders: null });
    await c.sendNotification(InitializedNotification.type, {});
    desktop = await startSession('in-process', {});
  });
  after(async () => {
    await web?.dispose();
    await desktop?.dispose();
  });

  const open = (uri: string, text: string): Promise<void> => web.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });

  it('initializes with the editor features of the desktop server', () => {
    assert.equal(initialized.serverInfo?.name, 'kube-audit-policy');
    const caps = initialized.capabilities;
    for (const key of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'codeLensProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'definitionProvider', 'diagnosticProvider'] as const) {
      assert.ok(caps[key], `${key} announced`);
    }
    assert.deepEqual(web.workerErrors, []);
  });

  it('publishes for corpus policies exactly what `lint --format json` prints', async () => {
    const paths = FILES.map((f) => join(CORPUS, f));
    const run = spawnSync(process.execPath, [join(ROOT, 'out/cli.js'), 'lint', '--format', 'json', ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.stderr, '');
    const cli = JSON.parse(run.stdout) as ReportEntry[];
    assert.ok(cli.length > 20, 'the files have findings');
    for (const [i, file] of FILES.entries()) {
      const uri = webUri(file);
      await open(uri, readFileSync(paths[i] as string, 'utf8'));
      const expected = cli.filter((e) => e.file === paths[i]).map(({ range, severity, code, message }) => ({ range, severity, code, message }));
      const actual = (): unknown => published.get(uri)?.diagnostics.map((d) => ({ range: d.range, severity: SEVERITY_NAMES[d.severity ?? 0], code: d.code, message: d.message }));
      // The diagnostics of the analysed version; until then, compare what there is for the message.
      await waitFor(`${file}'s diagnostics`, () => (JSON.stringify(actual()) === JSON.stringify(expected) ? true : undefined)).catch(() => assert.deepEqual(actual(), expected, file));
    }
  });

  it('hovers as the desktop server does', async () => {
    const file = 'aks-engine.yaml';
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const desktopUri = `file:///work/web/${file}`;
    const uri = webUri(`hover-${file}`);
    await desktop.open(desktopUri, text);
    await open(uri, text);
    // Hovers tell reachability once the analysis is done: the desktop's first, then the browser's.
    await desktop.diagnostics(desktopUri);
    await waitFor('the desktop analysis', () => (desktop.server?.runningAnalyses() === 0 ? true : undefined));
    let hovers = 0;
    for (const [line, content] of text.split('\n').entries()) {
      const character = content.search(/level:|resources:|verbs:|users:/);
      if (character < 0) continue;
      const position = { line, character: character + 1 };
      const fromDesktop = await desktop.connection.sendRequest(HoverRequest.type, { textDocument: { uri: desktopUri }, position });
      const fromWeb = () => web.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      const same = async (): Promise<boolean> => JSON.stringify(await fromWeb()) === JSON.stringify(fromDesktop);
      const deadline = Date.now() + 10_000;
      while (!(await same()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(await fromWeb(), fromDesktop, `hover at ${line + 1}:${character + 1}`);
      if (fromDesktop) hovers++;
    }
    assert.ok(hovers >= 5, `${hovers} hovers`);
  });

  it('runs a test file, reading its policy through the client', async () => {
    const testUri = 'vscode-test-web://mount/tests/audit-policy.test.yaml';
    await open(testUri, TEST);
    const result = await web.connection.sendRequest(RunPolicyTestsRequest, { uri: testUri });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.policyUri, webUri('audit-policy.yaml'));
    assert.ok(asked.includes(webUri('audit-policy.yaml')), 'the policy was read through the client');
    assert.deepEqual(
      result.results.map((r) => [r.index, r.status]),
      [
        [0, 'passed'],
        [1, 'passed'],
        [2, 'failed'],
      ],
    );
    // A policy the client cannot read: the message says which and why.
    const missingUri = 'vscode-test-web://mount/tests/missing.test.yaml';
    await open(missingUri, TEST.replace('../policies/audit-policy.yaml', 'nowhere.yaml'));
    const missing = await web.connection.sendRequest(RunPolicyTestsRequest, { uri: missingUri });
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.message : '', /"nowhere\.yaml" cannot be read \(vscode-test-web:\/\/mount\/tests\/nowhere\.yaml\): no such file/);
  });

  it('has no replay (it reads logs from disk): the client says so', async () => {
    await assert.rejects(
      web.connection.sendRequest(ReplayLoadRequest, { workspace: 'vscode-test-web://mount', files: ['audit.log'], loadId: 1 }),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound,
    );
  });
});
