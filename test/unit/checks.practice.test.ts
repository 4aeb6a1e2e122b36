// Practice checks: each code with policies that trigger it and policies that must not, then the real
// mistakes of the corpus (test/fixtures/corpus/NOTES.md). What level a request gets is always the
// evaluator's answer, so order and shadowing matter in these cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execNotAudited } from '../../server/src/core/checks/practice/execNotAudited.ts';
import { execVerbsIncomplete } from '../../server/src/core/checks/practice/execVerbsIncomplete.ts';
import { logsNothing } from '../../server/src/core/checks/practice/logsNothing.ts';
import { noCatchAll } from '../../server/src/core/checks/practice/noCatchAll.ts';
import { panicOmitted } from '../../server/src/core/checks/practice/panicOmitted.ts';
import { redundantOmitStage } from '../../server/src/core/checks/practice/redundantOmitStage.ts';
import { sensitiveResourceBody } from '../../server/src/core/checks/practice/sensitiveResourceBody.ts';
import { check, corpusPolicy, findingsOf, lineOf } from './checksHarness.ts';

const policy = (...lines: string[]): string => ['apiVersion: audit.k8s.io/v1', 'kind: Policy', ...lines, ''].join('\n');

test('sensitive-resource-body: secrets at Request and RequestResponse', () => {
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  resources:', '  - group: ""', '    resources: ["secrets"]'), [
    [7, 'sensitive-resource-body', 'Rule 0 logs secrets at Request, so secret values go into the audit log. At Request kube-apiserver logs the bodies of create, update and patch requests'],
  ]);
  // A group-wide core entry covers secrets and configmaps; the finding points at the entry.
  check(sensitiveResourceBody, policy('rules:', '- level: RequestResponse', '  resources:', '  - group: ""'), [
    [6, 'sensitive-resource-body', 'logs secrets at RequestResponse'],
    [6, 'sensitive-resource-body', 'logs configmaps at RequestResponse'],
    [6, 'sensitive-resource-body', 'logs serviceaccounts/token at RequestResponse'],
  ]);
  // "*" resources include them too.
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  resources:', '  - group: ""', '    resources: ["*"]'), [
    [7, 'sensitive-resource-body', 'logs secrets'],
    [7, 'sensitive-resource-body', 'logs configmaps'],
  ]);
});

test('sensitive-resource-body: a Metadata rule above, or verbs without bodies, keep it quiet', () => {
  check(sensitiveResourceBody, policy('rules:', '- level: Metadata', '  resources:', '  - group: ""', '    resources: ["secrets", "configmaps", "serviceaccounts/token"]', '  - group: authentication.k8s.io', '    resources: ["tokenreviews"]', '- level: RequestResponse'), []);
  // get/list at Request carry no body: only the response holds secret data.
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  verbs: ["get", "list", "watch"]', '  resources:', '  - group: ""', '    resources: ["secrets"]'), []);
  // serviceaccounts/token at Request: the TokenRequest body holds no token, the response does.
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  resources:', '  - group: ""', '    resources: ["serviceaccounts/token"]'), []);
  // An earlier Metadata rule that only covers reads leaves writes to the Request rule.
  check(sensitiveResourceBody, policy('rules:', '- level: Metadata', '  verbs: ["get", "list", "watch"]', '  resources:', '  - group: ""', '    resources: ["secrets"]', '- level: Request', '  resources:', '  - group: ""', '    resources: ["secrets"]'), [
    [12, 'sensitive-resource-body', 'Rule 1 logs secrets at Request'],
  ]);
});

test('sensitive-resource-body: tokenreviews at Request, by a restricted set of users', () => {
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  users: ["system:kube-apiserver"]', '  resources:', '  - group: authentication.k8s.io', '    resources: ["tokenreviews"]'), [
    [8, 'sensitive-resource-body', 'TokenReview request bodies, which hold the token under review'],
  ]);
});

test('exec-not-audited asks the evaluator which level exec requests end at', () => {
  const noneForReads = policy('rules:', '- level: None', '  verbs: ["get", "list", "watch"]', '- level: Metadata');
  check(execNotAudited, noneForReads, [
    [4, 'exec-not-audited', 'pods/exec requests end at level None in rule 0: no audit event records the commands run in pods. For example get by alice'],
    [4, 'exec-not-audited', 'pods/attach'],
    [4, 'exec-not-audited', 'pods/portforward'],
  ]);
  // An exec rule placed first fixes it.
  check(execNotAudited, policy('rules:', '- level: Metadata', '  resources:', '  - group: ""', '    resources: ["pods/exec", "pods/attach", "pods/portforward"]', '- level: None', '  verbs: ["get", "list", "watch"]', '- level: Metadata'), []);
  // No rule at all for them: reported at rules:.
  check(execNotAudited, policy('rules:', '- level: Metadata', '  resources:', '  - group: ""', '    resources: ["pods"]'), [
    [3, 'exec-not-audited', 'pods/exec requests match no rule, so they get level None'],
    [3, 'exec-not-audited', 'pods/attach'],
    [3, 'exec-not-audited', 'pods/portforward'],
  ]);
  // A policy that logs nothing is left to logs-nothing.
  check(execNotAudited, policy('rules:', '- level: None'), []);
});

test('exec-verbs-incomplete: create without get misses WebSocket exec', () => {
  check(execVerbsIncomplete, policy('rules:', '- level: RequestResponse', '  verbs: ["create"]', '  resources:', '  - group: ""', '    resources: ["pods/exec", "pods/attach"]', '- level: Metadata'), [
    [5, 'exec-verbs-incomplete', 'Those requests go to rule 1 at level Metadata instead of RequestResponse'],
    [5, 'exec-verbs-incomplete', 'pods/attach'],
  ]);
  check(execVerbsIncomplete, policy('rules:', '- level: Metadata', '  verbs: ["create", "get"]', '  resources:', '  - group: ""', '    resources: ["pods/exec"]'), []);
  // The get requests reach the same level through a later rule: nothing lost.
  check(execVerbsIncomplete, policy('rules:', '- level: Metadata', '  verbs: ["create"]', '  resources:', '  - group: ""', '    resources: ["pods/*"]', '- level: Metadata'), []);
});

test('no-catch-all and logs-nothing', () => {
  check(noCatchAll, policy('rules:', '- level: Metadata', '  users: ["alice"]'), [[3, 'no-catch-all', 'No rule matches every request']]);
  check(noCatchAll, policy('rules:', '- level: None', '  users: ["alice"]', '- level: None'), []);
  check(logsNothing, policy('rules:', '- level: None', '  users: ["alice"]', '- level: None'), [[3, 'logs-nothing', 'writes no audit event at all']]);
  check(logsNothing, policy('rules:', '- level: None', '- level: Metadata'), []);
  const seen = findingsOf(noCatchAll, policy('rules:', '- level: Metadata', '  verbs: ["get"]'));
  assert.equal(seen[0]?.finding.severity, 'information');
});

test('redundant-omit-stage and panic-omitted', () => {
  const text = policy('omitStages: ["RequestReceived", "Panic"]', 'rules:', '- level: Metadata', '  omitStages:', '  - RequestReceived', '  - "ResponseStarted"', '  - Panic');
  check(redundantOmitStage, text, [
    [7, 'redundant-omit-stage', 'RequestReceived is already omitted'],
    [9, 'redundant-omit-stage', 'Panic is already omitted'],
  ]);
  check(panicOmitted, text, [
    [3, 'panic-omitted', 'for the whole policy'],
    [9, 'panic-omitted', 'in this rule'],
  ]);
  check(redundantOmitStage, policy('rules:', '- level: Metadata', '  omitStages: ["RequestReceived"]'), []);
});

// The real mistakes listed in test/fixtures/corpus/NOTES.md that the practice checks must find.
test('corpus: aks-engine logs secrets at Request', () => {
  const text = corpusPolicy('aks-engine.yaml');
  const seen = findingsOf(sensitiveResourceBody, text).filter((s) => s.message.includes('logs secrets at Request'));
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.line, lineOf(text, 'secrets'));
});

test('corpus: eks-anywhere docs example logs secrets at RequestResponse and has no catch-all', () => {
  const text = corpusPolicy('eks-anywhere-docs-example.yaml');
  assert.ok(findingsOf(sensitiveResourceBody, text).some((s) => s.message.includes('logs secrets at RequestResponse')));
  assert.equal(findingsOf(noCatchAll, text).length, 1);
});

test('corpus: openshift-none and rke2 log nothing', () => {
  for (const name of ['openshift-none.yaml', 'rke2-default.yaml']) assert.equal(findingsOf(logsNothing, corpusPolicy(name)).length, 1, name);
  for (const name of ['openshift-default.yaml', 'k8s-website-docs.yaml', 'kops-docs.yaml']) assert.equal(findingsOf(logsNothing, corpusPolicy(name)).length, 0, name);
});

test('corpus: charmed catch-all at Request logs secret bodies', () => {
  const text = corpusPolicy('charmed-kubernetes.yaml');
  const seen = findingsOf(sensitiveResourceBody, text);
  assert.ok(seen.some((s) => s.message.startsWith('Rule 4 logs secrets at Request')));
  assert.ok(seen.every((s) => s.line === lineOf(text, 'level: Request')));
});

test('corpus: perfspec omits RequestReceived twice; audit2rbac omits Panic', () => {
  const perf = corpusPolicy('perfspec-dataset.yaml');
  assert.deepEqual(findingsOf(redundantOmitStage, perf).map((s) => s.message.split(' ')[0]), ['RequestReceived']);
  const rbac = corpusPolicy('audit2rbac-demo.yaml');
  const panic = findingsOf(panicOmitted, rbac);
  assert.equal(panic.length, 1);
  assert.equal(panic[0]?.line, lineOf(rbac, 'Panic'));
  assert.equal(findingsOf(noCatchAll, rbac).length, 1);
});

test('corpus: policies that keep secrets at Metadata get no sensitive-resource-body for them', () => {
  for (const name of ['gce-configure-helper.yaml', 'openshift-default.yaml', 'kops-docs.yaml', 'audicia.yaml']) {
    const seen = findingsOf(sensitiveResourceBody, corpusPolicy(name)).filter((s) => s.message.includes(' secrets '));
    assert.deepEqual(seen, [], name);
  }
});

test('sensitive-resource-body probes only requests that exist: writes always name a namespace', () => {
  // namespaces: [""] selects cluster-scoped requests and lists across namespaces; no secret is written there.
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  namespaces: [""]', '  resources:', '  - group: ""', '    resources: ["secrets"]'), []);
  check(sensitiveResourceBody, policy('rules:', '- level: RequestResponse', '  namespaces: [""]', '  resources:', '  - group: ""', '    resources: ["secrets"]'), [
    [8, 'sensitive-resource-body', 'logs secrets at RequestResponse'],
  ]);
  // resourceNames: a create has no name yet, but an update of that object does.
  check(sensitiveResourceBody, policy('rules:', '- level: Request', '  resources:', '  - group: ""', '    resources: ["configmaps"]', '    resourceNames: ["aws-auth"]'), [
    [7, 'sensitive-resource-body', 'logs configmaps at Request'],
  ]);
});

test('exec-not-audited: a level above None with every stage omitted logs nothing either', () => {
  check(execNotAudited, policy('omitStages: ["RequestReceived"]', 'rules:', '- level: Metadata', '  omitStages: ["ResponseStarted", "ResponseComplete"]'), [
    [5, 'exec-not-audited', 'lose every stage to the omitStages of rule 0'],
    [5, 'exec-not-audited', 'pods/attach'],
    [5, 'exec-not-audited', 'pods/portforward'],
  ]);
  check(execNotAudited, policy('omitStages: ["RequestReceived"]', 'rules:', '- level: Metadata', '  omitStages: ["ResponseStarted"]'), []);
});
