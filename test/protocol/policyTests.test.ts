// Protocol tests of policy test files and Compare with…: test files are no policies, their
// diagnostics are pulled (a failing case, an impossible expectation, a rule out of range, a
// missing policy), hover tells a case's outcome, completion offers rule indices with their
// summaries, code lenses run and explain cases; the Test Explorer's requests list and run cases
// (against the policy as typed), explain one, add one; policies compare with a baseline and the
// replay panel's "vs baseline" column. Same bodies in-process and against out/server.js.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import {
  AddTestCaseRequest,
  ComparePoliciesRequest,
  DocumentKindRequest,
  EXPLAIN_TEST_CASE_COMMAND,
  ExplainRequest,
  ExplainTestCaseRequest,
  PolicyTestFileRequest,
  ReplayBaselineRequest,
  ReplayLoadRequest,
  RUN_TEST_CASE_COMMAND,
  RunPolicyTestsRequest,
} from '../../server/src/protocol.ts';
import { startSession, TRANSPORTS, waitFor, type LspSession } from './lspSession.ts';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  users: ["system:kube-proxy"]
  verbs: ["watch"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets", "configmaps"]
- level: Request
  resources:
  - group: ""
    resources: ["secrets"]
- level: RequestResponse
`;

const TEST = `apiVersion: kube-audit-policy/v1alpha1
kind: PolicyTest
policy: audit-policy.yaml
cases:
- name: kube-proxy watches are not logged
  request: GET /api/v1/endpoints?watch=true
  user: system:kube-proxy
  groups: [system:authenticated]
  expect: {level: None, rule: 0}
- name: secrets are logged with their bodies
  request: GET /api/v1/namespaces/default/secrets/db
  user: alice
  groups: [system:authenticated]
  expect:
    level: RequestResponse
- name: the shadowed rule
  request: GET /api/v1/namespaces/default/secrets/db
  expect: {level: Request, rule: 2}
- name: out of range
  request: GET /api/v1/pods
  expect: {level: Metadata, rule: 9}
`;

const uriOf = (path: string): string => pathToFileURL(path).toString();
const labels = (r: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(r) ? r : (r?.items ?? []));
const items = (r: DocumentDiagnosticReport): Diagnostic[] => (r.kind === 'full' ? r.items : []);

function positionOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  return new LineIndex(text).position(at + delta);
}

describe('policy tests and Compare with… over the protocol', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-tests-protocol-'));
    writeFileSync(join(dir, 'audit-policy.yaml'), POLICY);
    writeFileSync(join(dir, 'audit-policy.test.yaml'), TEST);
    writeFileSync(join(dir, 'broken.test.yaml'), 'apiVersion: kube-audit-policy/v1alpha1\nkind: PolicyTest\npolicy: missing.yaml\ncases:\n- name: x\n  request: GET /api/v1/pods\n  expect: {level: None}\n');
    writeFileSync(join(dir, 'audit.log'), `${JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/default/configmaps/x', verb: 'get', user: { username: 'alice', groups: ['system:authenticated'] }, objectRef: { resource: 'configmaps', namespace: 'default', name: 'x', apiVersion: 'v1' } })}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const transport of TRANSPORTS) {
    describe(transport, () => {
      let s: LspSession;
      let refreshes = 0;
      before(async () => {
        s = await startSession(transport);
        s.connection.onRequest(DiagnosticRefreshRequest.type, () => {
          refreshes++;
        });
      });
      after(() => s.dispose());
      const policyUri = (): string => uriOf(join(dir, 'audit-policy.yaml'));
      const testUri = (): string => uriOf(join(dir, 'audit-policy.test.yaml'));
      const pull = async (uri: string): Promise<Diagnostic[]> => items(await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));

      it('lists and runs the cases of a test file that is not open, against the policy on disk', async () => {
        const info = await s.connection.sendRequest(PolicyTestFileRequest, { uri: testUri() });
        assert.ok(info.isPolicyTest, JSON.stringify(info));
        assert.equal(info.policyUri, policyUri());
        assert.deepEqual(
          info.cases.map((c) => [c.index, c.name, c.range.start.line]),
          [
            [0, 'kube-proxy watches are not logged', 4],
            [1, 'secrets are logged with their bodies', 9],
            [2, 'the shadowed rule', 15],
            [3, 'out of range', 18],
          ],
        );
        const run = await s.connection.sendRequest(RunPolicyTestsRequest, { uri: testUri() });
        assert.ok(run.ok, JSON.stringify(run));
        assert.deepEqual(
          run.results.map((r) => [r.index, r.status]),
          [
            [0, 'passed'],
            [1, 'failed'],
            [2, 'failed'],
            [3, 'error'],
          ],
        );
        const failed = run.results[1]!;
        assert.equal(failed.expected, 'level: RequestResponse');
        assert.equal(failed.actual, 'level: Metadata');
        assert.match(failed.message, /expects level RequestResponse, but rule 1 matches: Metadata \(omitting RequestReceived\)/);
        assert.equal(failed.messageRange.start.line, 14, 'on the level that differs');
        assert.match(failed.trace ?? '', /^\*\*Rule 1 matches\*\*: level `Metadata`, omitting RequestReceived\.\n[\s\S]*✓ \*\*rule 1\*\*/);
        assert.match(run.results[2]!.impossible ?? '', /no request reaches rule 2; earlier rules 0, 1 match every request it matches/);
        assert.match(run.results[3]!.message, /expect.rule 9 is out of range/);
        const some = await s.connection.sendRequest(RunPolicyTestsRequest, { uri: testUri(), cases: [0] });
        assert.ok(some.ok);
        assert.deepEqual(
          some.results.map((r) => r.index),
          [0],
        );
      });

      it('a test file is no policy: no push diagnostics of the policy kind, its own by pull', async () => {
        await s.open(policyUri(), POLICY);
        await s.open(testUri(), TEST);
        assert.equal(await s.connection.sendRequest(DocumentKindRequest, { textDocument: { uri: testUri() } }), 'policyTest');
        assert.equal(await s.connection.sendRequest(DocumentKindRequest, { textDocument: { uri: policyUri() } }), 'policy');
        const pushed = await s.diagnostics(testUri());
        assert.deepEqual(pushed.diagnostics, [], 'no-rules, wrong-kind, unknown-field... would say it was linted as a policy');
        const pulled = await pull(testUri());
        const messages = pulled.map((d) => `${d.range.start.line}: ${d.message}`);
        assert.equal(pulled.length, 3, messages.join('\n'));
        assert.match(messages[0]!, /^14: This case fails: it expects level RequestResponse, but rule 1 matches: Metadata \(omitting RequestReceived\)\.$/);
        assert.match(messages[1]!, /^17: This expectation can never hold: no request reaches rule 2/);
        assert.match(messages[2]!, /^20: This case cannot run: expect.rule 9 is out of range: the policy has 4 rules/);
        assert.deepEqual(await pull(policyUri()), [], 'a policy has no pulled diagnostics');
      });

      it('the policy is tested as typed: an unsaved edit changes the run and asks for a refresh', async () => {
        const before = refreshes;
        await s.change(policyUri(), POLICY.replace('- level: Metadata\n', '- level: RequestResponse\n'), 2);
        const run = await s.connection.sendRequest(RunPolicyTestsRequest, { uri: testUri(), cases: [1, 2] });
        assert.ok(run.ok);
        assert.deepEqual(
          run.results.map((r) => r.status),
          ['passed', 'failed'],
        );
        await waitFor('a diagnostics refresh', () => (refreshes > before ? true : undefined));
        assert.equal((await pull(testUri())).length, 2, 'the failing case passes now');
        await s.change(policyUri(), POLICY, 3);
      });

      it('a policy that cannot be read is reported at the policy field', async () => {
        const broken = uriOf(join(dir, 'broken.test.yaml'));
        const run = await s.connection.sendRequest(RunPolicyTestsRequest, { uri: broken });
        assert.equal(run.ok, false);
        assert.match(!run.ok ? run.message : '', /The policy "missing.yaml" cannot be read \(.*missing.yaml\): no such file/);
        assert.equal(!run.ok ? run.range?.start.line : -1, 2);
      });

      it('hover tells the case\'s outcome, and on a rule index that rule', async () => {
        const text = async (needle: string, delta = 0): Promise<string> => {
          const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: testUri() }, position: positionOf(TEST, needle, delta) });
          return (h?.contents as MarkupContent | undefined)?.value ?? '';
        };
        assert.match(await text('kube-proxy watches'), /^\*\*Passes\*\*: rule 0 matches: not logged\./);
        assert.match(await text('level: RequestResponse\n', 8), /^\*\*Fails\*\*: it expects level RequestResponse, but rule 1 matches: Metadata/);
        assert.match(await text('rule: 2', 6), /^\*\*Rule 2\*\*: Logs metadata and request bodies of requests to core secrets[\s\S]*\*\*Fails\*\*[\s\S]*can never hold: no request reaches rule 2/);
        assert.match(await text('expect:'), /outcome the case requires/);
      });

      it('completion offers the rule indices with their summaries, the levels, and the keys a case lacks', async () => {
        const edited = TEST.replace('expect: {level: None, rule: 0}', 'expect: {level: None, rule: }');
        await s.change(testUri(), edited, 2);
        const rules = labels(await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: testUri() }, position: positionOf(edited, 'rule: }', 6) }));
        assert.deepEqual(
          rules.map((i) => i.label),
          ['0', '1', '2', '3', 'null'],
        );
        assert.equal(rules[1]?.detail, 'rule 1: Metadata');
        assert.match((rules[1]?.documentation as MarkupContent).value, /^Logs metadata of requests to core secrets and configmaps/);
        const keyed = TEST.replace('  request: GET /api/v1/pods\n', '  request: GET /api/v1/pods\n  \n');
        await s.change(testUri(), keyed, 3);
        const keys = labels(await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: testUri() }, position: positionOf(keyed, 'pods\n  \n', 7) }));
        assert.deepEqual(
          keys.map((i) => i.label),
          ['user', 'groups'],
        );
        await s.change(testUri(), TEST, 4);
      });

      it('code lenses Run and Debug: explain above each case', async () => {
        const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: testUri() } });
        assert.equal(lenses?.length, 8);
        assert.deepEqual(
          lenses?.slice(0, 2).map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
          [
            [4, 'Run', RUN_TEST_CASE_COMMAND, [{ uri: testUri(), index: 0 }]],
            [4, 'Debug: explain', EXPLAIN_TEST_CASE_COMMAND, [{ uri: testUri(), index: 0 }]],
          ],
        );
      });

      it('explains a case against its policy, as Explain Request does', async () => {
        const r = await s.connection.sendRequest(ExplainTestCaseRequest, { uri: testUri(), index: 1 });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.policyUri, policyUri());
        assert.equal(r.caseName, 'secrets are logged with their bodies');
        assert.equal(r.evaluation.rule, 1);
        assert.equal(r.rules[1]?.range.start.line, 7);
      });

      it('adds a case with the current outcome to the existing test file, in its style', async () => {
        const explained = await s.connection.sendRequest(ExplainRequest, { textDocument: { uri: policyUri() }, request: 'GET /api/v1/namespaces/default/pods', user: 'bob', groups: ['system:authenticated'] });
        assert.ok(explained.ok);
        const r = await s.connection.sendRequest(AddTestCaseRequest, { textDocument: { uri: policyUri() }, attributes: explained.attributes });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.create, false);
        assert.equal(r.testUri, testUri());
        assert.equal(r.caseName, 'GET /api/v1/namespaces/default/pods (list) as bob is logged at RequestResponse');
        const lines = new LineIndex(TEST);
        const after = applyEdits(TEST, [{ span: { start: lines.offset(r.range.start), end: lines.offset(r.range.end) }, newText: r.text }]);
        assert.equal(
          after.slice(TEST.length),
          '- name: GET /api/v1/namespaces/default/pods (list) as bob is logged at RequestResponse\n  request: GET /api/v1/namespaces/default/pods\n  user: bob\n  groups: [system:authenticated]\n  expect: {level: RequestResponse, rule: 3, omitStages: [RequestReceived]}\n',
        );
      });

      it('creates the test file beside a policy that has none', async () => {
        const other = uriOf(join(dir, 'other-audit-policy.yaml'));
        await s.open(other, POLICY);
        const explained = await s.connection.sendRequest(ExplainRequest, { textDocument: { uri: other }, request: '{"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"escalate","requestURI":"/apis/rbac.authorization.k8s.io/v1/clusterroles/x","user":{"username":"eve","groups":["system:authenticated"]},"objectRef":{"resource":"clusterroles","name":"x","apiGroup":"rbac.authorization.k8s.io","apiVersion":"v1"}}' });
        assert.ok(explained.ok, JSON.stringify(explained));
        const r = await s.connection.sendRequest(AddTestCaseRequest, { textDocument: { uri: other }, attributes: explained.attributes });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.create, true);
        assert.equal(r.testUri, uriOf(join(dir, 'other-audit-policy.test.yaml')));
        assert.match(r.text, /^# Policy tests for other-audit-policy\.yaml/);
        assert.match(r.text, /\npolicy: other-audit-policy\.yaml\n/);
        // escalate has no request line: the case holds the audit Event.
        assert.match(r.text, /\n {4}event:\n/);
        assert.match(r.text, /expect:\n {6}level: RequestResponse\n {6}rule: 3\n/);
        await s.close(other);
      });

      it('compares the policy as typed with a baseline, grouped by kind, each change with a witness and its new rule', async () => {
        const same = await s.connection.sendRequest(ComparePoliciesRequest, { textDocument: { uri: policyUri() }, baseline: POLICY });
        assert.ok(same.ok);
        assert.equal(same.equivalent, true);
        assert.deepEqual(same.changes, []);
        const baseline = POLICY.replace('- level: Metadata\n', '- level: RequestResponse\n');
        const r = await s.connection.sendRequest(ComparePoliciesRequest, { textDocument: { uri: policyUri() }, baseline });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.equivalent, false);
        assert.deepEqual(
          r.changes.map((c) => [c.kind, c.before.rule, c.before.level, c.after.rule, c.after.level]),
          [['less-logged', 1, 'RequestResponse', 1, 'Metadata']],
        );
        const c = r.changes[0]!;
        assert.equal(c.afterRange?.start.line, 7);
        assert.match(c.witness.request, /^GET \/api\/v1\/namespaces\/\S+\/(secrets|configmaps)/);
        assert.deepEqual(r.refused, []);
      });

      it('the replay panel\'s vs-baseline column: per shape the baseline\'s outcome, and the events that differ', async () => {
        const load = await s.connection.sendRequest(ReplayLoadRequest, { workspace: uriOf(dir), files: ['audit.log'], cwd: dir, loadId: 1 });
        assert.ok(load.ok, JSON.stringify(load));
        const baseline = POLICY.replace('- level: Metadata\n', '- level: RequestResponse\n');
        const r = await s.connection.sendRequest(ReplayBaselineRequest, { textDocument: { uri: policyUri() }, baseline, keys: [0] });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.events, 1);
        assert.equal(r.differing, 1);
        assert.deepEqual(r.rows.map((x) => [x.key, x.before.rule, x.before.level, x.differs]), [[0, 1, 'RequestResponse', true]]);
      });
    });
  }
});
