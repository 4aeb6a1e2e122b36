// The pure parts of policy tests in the editor: which files are test files (never policies), the
// expectations no request can meet (from the analysis), completion in a test file, the expected
// and actual fields of a failure, and "Add as test case" (the case for a request, appended in the
// file's own style, or a new file) — each read back by the loader and run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { requestLineInput } from '../../server/src/core/explain/explainInput.ts';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { appendTestCase, newTestFileText, testCaseFor, type NewTestCase } from '../../server/src/core/policyTest/addTestCase.ts';
import { impossibleExpectation } from '../../server/src/core/policyTest/impossibleExpectation.ts';
import { isPolicyTestFile, isPolicyTestText } from '../../server/src/core/policyTest/isPolicyTestText.ts';
import { loadPolicyTest } from '../../server/src/core/policyTest/loadPolicyTest.ts';
import { expectedFields, outcomeLines } from '../../server/src/core/policyTest/outcomeWords.ts';
import { runCase } from '../../server/src/core/policyTest/runPolicyTest.ts';
import { testCompletions } from '../../server/src/core/policyTest/testCompletions.ts';
import { anywhereMatchers, DEFAULT_FILE_PATTERNS, isPolicyFile } from '../../server/src/core/workspace/policyFiles.ts';

const v = LATEST_KUBERNETES_VERSION;
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
- level: Request
  resources:
  - group: ""
    resources: ["pods"]
  verbs: ["get"]
- level: RequestResponse
  verbs: ["create"]
`;
const policy = loadPolicy(POLICY, v).policy;
const analysis = analyzePolicy(policy, { kubernetesVersion: v });
const HEAD = 'apiVersion: kube-audit-policy/v1alpha1\nkind: PolicyTest\npolicy: audit-policy.yaml\ncases:\n';

test('test files are never policies, whatever their name; their kind says so, or their name while they are empty', () => {
  const files = anywhereMatchers(DEFAULT_FILE_PATTERNS);
  const testText = `${HEAD}- name: x\n  request: GET /api/v1/pods\n  expect: {level: None}\n`;
  assert.equal(isPolicyFile('/ws/audit-policy.test.yaml', testText, files), false);
  assert.equal(isPolicyFile('/ws/audit-policy.test.yml', '', files), false, 'a new, empty test file');
  assert.equal(isPolicyFile('/ws/audit-policy.yaml', '', files), true, 'a new, empty policy');
  assert.equal(isPolicyFile('/ws/policy.test.yaml', POLICY, files), true, 'a policy named like a test keeps its header');
  assert.equal(isPolicyFile('/ws/other-audit-policy.yaml', '{"kind": "PolicyTest", "cases": []}', files), false, 'flow and JSON style');
  assert.equal(isPolicyTestFile('/ws/app.test.yaml', 'kind: Deployment\n'), false, "another tool's test file");
  assert.equal(isPolicyTestFile('/ws/alerts.test.yaml', 'rule_files:\n  - alerts.yaml\ntests:\n  - interval: 1m\n'), false, 'a Prometheus rule test');
  assert.equal(isPolicyTestFile('/ws/audit-policy.test.yaml', '# tests\npolicy: audit-policy.yaml\ncases:\n- name: x\n'), true, 'a test being written, no kind yet');
  assert.equal(isPolicyTestText('kind: PolicyTests\n'), false);
  assert.equal(isPolicyTestText('# kind: PolicyTest\nkind: Policy\n'), false, 'a comment is no kind');
  assert.equal(isPolicyTestText('  "kind" : "PolicyTest" # tests\n'), true);
});

function caseOf(expect: string, input = 'request: GET /api/v1/pods') {
  const loaded = loadPolicyTest(`${HEAD}- name: c\n  ${input}\n  expect: ${expect}\n`);
  assert.deepEqual(loaded.problems, []);
  return loaded.cases[0]!;
}

test('an expectation no request can meet: a shadowed or unsatisfiable rule, the wrong effect, rule null under a catch-all, an outcome nobody gets', () => {
  const why = (expect: string): string | undefined => impossibleExpectation(policy, analysis, caseOf(expect))?.message;
  assert.equal(why('{level: Request, rule: 2}'), 'This expectation can never hold: no request reaches rule 2; earlier rules 0, 1 match every request it matches.');
  assert.equal(why('{level: Metadata, rule: 1, omitStages: [RequestReceived]}'), undefined);
  assert.equal(why('{level: Request, rule: 1}'), 'This expectation can never hold: rule 1 gives level Metadata, not level Request.');
  assert.equal(why('{level: Metadata, rule: 1, omitStages: []}'), 'This expectation can never hold: rule 1 gives omitStages [RequestReceived], not omitStages [].', 'the policy omits RequestReceived for every rule');
  assert.equal(why('{level: None, rule: null}'), undefined, 'requests no rule matches exist');
  assert.equal(why('{level: Metadata, rule: null}'), 'This expectation can never hold: a request no rule matches gets level None, not level Metadata.');
  assert.equal(why('{level: RequestResponse}'), undefined, 'rule 4 gives it');
  assert.match(why('{level: RequestResponse, omitStages: [ResponseStarted]}') ?? '', /^This expectation can never hold: no request gets level RequestResponse, omitStages \[ResponseStarted\]\. What requests can get under this policy: not logged; Metadata \(omitting RequestReceived\); Request \(omitting RequestReceived\); RequestResponse \(omitting RequestReceived\)\.$/);
  assert.equal(why('{level: Metadata, rule: 9}'), undefined, 'out of range: running the case says so');
  const withCatchAll = loadPolicy(`${POLICY}- level: Metadata\n`, v).policy;
  const caught = impossibleExpectation(withCatchAll, analyzePolicy(withCatchAll, { kubernetesVersion: v }), caseOf('{level: None, rule: null}'));
  assert.equal(caught?.message, 'This expectation can never hold: rule 5 matches every request, so some rule always matches.');
  // an impossible expectation is at the field that cannot hold
  const c = caseOf('{level: Request, rule: 2}');
  assert.deepEqual(impossibleExpectation(policy, analysis, c)?.span, c.expectFieldSpans.rule);
});

test('an unsatisfiable rule (a namespace never contains "/") is named as such', () => {
  const p = loadPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n  namespaces: ["a/b"]\n- level: Metadata\n', v).policy;
  const a = analyzePolicy(p, { kubernetesVersion: v });
  assert.equal(a.rules[0]?.status, 'unsatisfiable');
  assert.equal(impossibleExpectation(p, a, caseOf('{level: Request, rule: 0}'))?.message, 'This expectation can never hold: rule 0 matches no request at all.');
});

test('completion in a test file: keys by place (one input per case), levels, stages, rule indices with summaries, releases', () => {
  const at = (text: string) => {
    const offset = text.indexOf('|');
    return testCompletions(text.replace('|', ''), offset, policy);
  };
  assert.deepEqual(
    at(`apiVersion: kube-audit-policy/v1alpha1\n|`)?.items.map((i) => i.label),
    ['kind', 'policy', 'kubernetesVersion', 'cases'],
  );
  assert.deepEqual(
    at(`${HEAD}- name: x\n  |`)?.items.map((i) => i.label),
    ['request', 'user', 'groups', 'event', 'eventFile', 'expect'],
  );
  assert.deepEqual(
    at(`${HEAD}- name: x\n  event: {}\n  |`)?.items.map((i) => i.label),
    ['expect'],
    'an event carries its own user',
  );
  assert.deepEqual(
    at(`${HEAD}- name: x\n  expect:\n    level: None\n    |`)?.items.map((i) => i.label),
    ['rule', 'omitStages', 'omitManagedFields'],
  );
  assert.deepEqual(
    at(`${HEAD}- name: x\n  expect: {level: |}`)?.items.map((i) => i.label),
    ['None', 'Metadata', 'Request', 'RequestResponse'],
  );
  assert.deepEqual(
    at(`${HEAD}- name: x\n  expect: {level: None, omitStages: [|]}`)?.items.map((i) => i.label),
    ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'],
  );
  const rules = at(`${HEAD}- name: x\n  expect:\n    rule: |`)?.items ?? [];
  assert.deepEqual(
    rules.map((i) => [i.label, i.detail]),
    [
      ['0', 'rule 0: None'],
      ['1', 'rule 1: Metadata'],
      ['2', 'rule 2: Request'],
      ['3', 'rule 3: Request'],
      ['4', 'rule 4: RequestResponse'],
      ['null', 'no rule matches'],
    ],
  );
  assert.match(rules[1]?.documentation ?? '', /^Logs metadata of requests to core secrets and configmaps/);
  const releases = at('kubernetesVersion: |')?.items ?? [];
  assert.equal(releases[0]?.insert, `"1.${v.minor}"`, 'quoted: a plain 1.30 would be the number 1.3');
  assert.equal(at(`${HEAD}- name: x\n  expect:\n    rule: |`)?.word.start, `${HEAD}- name: x\n  expect:\n    rule: `.length);
  assert.deepEqual(at(`${HEAD}- name: x\n  groups: [system:au|`)?.items.some((i) => i.label === 'system:authenticated'), true);
});

test('a failure lists the expected fields on both sides, in the file\'s order, for a diff', () => {
  const expect = { level: 'Request' as const, omitStages: ['RequestReceived' as const], rule: null };
  const fields = expectedFields(expect);
  assert.deepEqual(fields, ['level', 'rule', 'omitStages']);
  assert.equal(outcomeLines(expect, fields), 'level: Request\nrule: null\nomitStages: [RequestReceived]');
  assert.equal(outcomeLines({ rule: 3, level: 'Metadata', omitStages: [], omitManagedFields: true }, fields), 'level: Metadata\nrule: 3\nomitStages: []');
});

const request = (line: string, user?: string, groups: string[] = ['system:authenticated']) => {
  const read = requestLineInput(line, user, groups);
  assert.ok(read.ok);
  return read.input.attributes;
};

/** Appends `c` to `text`, and checks the result reads back with the case passing. */
function appended(text: string, c: NewTestCase): string {
  const r = appendTestCase(text, c);
  assert.ok(r.ok, JSON.stringify(r));
  const out = applyEdits(text, [r.edit]);
  const loaded = loadPolicyTest(out);
  assert.deepEqual(loaded.problems, [], out);
  const added = loaded.cases.find((x) => x.name === r.name);
  assert.ok(added, out);
  const run = runCase(policy, v, added, () => ({ ok: false, error: 'none' }));
  assert.ok(run.kind === 'ran' && run.passed, out);
  return out;
}

test('the case for a request pins the outcome the policy gives it (a request line that reads back, else the Event)', () => {
  const c = testCaseFor(policy, v, request('GET /api/v1/namespaces/default/secrets/db', 'alice'));
  assert.deepEqual(c, {
    name: 'GET /api/v1/namespaces/default/secrets/db as alice is logged at Metadata',
    input: { request: 'GET /api/v1/namespaces/default/secrets/db', user: 'alice', groups: ['system:authenticated'] },
    expect: { level: 'Metadata', rule: 1, omitStages: ['RequestReceived'] },
  });
  const none = testCaseFor(policy, v, request('GET /healthz'));
  assert.deepEqual(none.expect, { level: 'None', rule: null, omitStages: ['RequestReceived'] });
  assert.match(none.name, /is not logged$/);
  assert.deepEqual(Object.keys(none.input), ['request'], 'no user: none is written');
});

test('appending keeps the file\'s style: block or flow, padding, quotes, indentation, zero-indented lists', () => {
  const c = testCaseFor(policy, v, request('POST /api/v1/namespaces/default/pods', 'bob'));
  const flow = `${HEAD}- name: "first"\n  request: GET /api/v1/pods\n  groups: [system:authenticated]\n  expect: {level: None}\n`;
  assert.equal(
    appended(flow, c).slice(flow.length),
    '- name: "POST /api/v1/namespaces/default/pods as bob is logged at RequestResponse"\n  request: POST /api/v1/namespaces/default/pods\n  user: bob\n  groups: [system:authenticated]\n  expect: {level: RequestResponse, rule: 4, omitStages: [RequestReceived]}\n',
  );
  const block = `${HEAD.replace('cases:\n', 'cases:\n')}    - name: first\n      request: GET /api/v1/pods\n      groups:\n          - system:authenticated\n      expect:\n          level: None\n          omitStages: [ RequestReceived ]\n`;
  const out = appended(block, c).slice(block.length);
  assert.equal(
    out,
    '    - name: POST /api/v1/namespaces/default/pods as bob is logged at RequestResponse\n      request: POST /api/v1/namespaces/default/pods\n      user: bob\n      groups:\n          - system:authenticated\n      expect:\n          level: RequestResponse\n          rule: 4\n          omitStages: [ RequestReceived ]\n',
  );
  // CRLF files stay CRLF, and a missing final line break is supplied
  const crlf = `${HEAD}- name: first\n  request: GET /api/v1/pods\n  expect: {level: None}`.replace(/\n/g, '\r\n');
  const crlfOut = appended(crlf, c);
  assert.ok(!/[^\r]\n/.test(crlfOut), 'only CRLF');
  assert.match(crlfOut, /\{level: None\}\r\n- name: POST/);
});

test('appending to an empty or missing list, with a name already taken', () => {
  const c = testCaseFor(policy, v, request('GET /api/v1/namespaces/default/configmaps/x', 'carol'));
  for (const head of [`${HEAD.replace('cases:\n', 'cases: []\n')}`, `${HEAD}`, HEAD.replace('cases:\n', ''), `${HEAD.replace('cases:\n', 'cases:   # none yet\n')}`]) {
    const out = appended(head, c);
    assert.match(out, /\ncases:[^\n]*\n {2}- name: GET \/api\/v1\/namespaces\/default\/configmaps\/x as carol is logged at Metadata\n {4}request: /, out);
  }
  const twice = appended(appended(`${HEAD}`, c), c);
  assert.deepEqual(
    loadPolicyTest(twice).cases.map((x) => x.name.replace(/^.* is logged at Metadata/, '…')),
    ['…', '… (2)'],
  );
});

test('appending refuses broken YAML and files that are no policy test, with a reason', () => {
  const c = testCaseFor(policy, v, request('GET /api/v1/pods'));
  assert.deepEqual(appendTestCase(`${HEAD}- name: [`, c), { ok: false, error: 'the test file has YAML syntax errors; fix them first' });
  assert.deepEqual(appendTestCase('kind: Deployment\n', c), { ok: false, error: 'the file is not a policy test (kind: PolicyTest)' });
  assert.deepEqual(appendTestCase(`${HEAD.replace('cases:\n', 'cases: 3\n')}`, c), { ok: false, error: '`cases` is not a list' });
});

test('a new test file says what it is, names the policy and the release, and its case passes', () => {
  const c = testCaseFor(policy, v, request('GET /api/v1/namespaces/kube-system/secrets/x', 'dave'));
  const text = newTestFileText('audit-policy.yaml', v, c);
  assert.match(text, /^# Policy tests for audit-policy\.yaml: each case pins what the policy does with one request\.\n/);
  const loaded = loadPolicyTest(text);
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.policy?.value, 'audit-policy.yaml');
  assert.deepEqual(loaded.kubernetesVersion?.value, v);
  const run = runCase(policy, v, loaded.cases[0]!, () => ({ ok: false, error: 'none' }));
  assert.ok(run.kind === 'ran' && run.passed);
  assert.match(text, /\n {4}groups: \[ system:authenticated \]\n/, "flow lists, as test --init writes them");
});
