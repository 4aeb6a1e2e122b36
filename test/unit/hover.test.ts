// Hover texts for values, keys and rules, and the Explain Request trace: exact texts for the facts
// that matter (what kube-apiserver does with a value), a golden for whole rule hovers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cachedAnalysis } from '../../server/src/core/analysis/cachedAnalysis.ts';
import { codeDocumentationUrl } from '../../server/src/core/describe/codeDocumentationUrl.ts';
import { explainMarkdown } from '../../server/src/core/describe/explainMarkdown.ts';
import { keyHover } from '../../server/src/core/describe/keyHover.ts';
import { ruleHover } from '../../server/src/core/describe/ruleHover.ts';
import {
  apiGroupHover,
  levelHover,
  namespaceHover,
  nonResourceUrlHover,
  resourceHover,
  resourceNameHover,
  stageHover,
  userGroupHover,
  userHover,
  verbHover,
} from '../../server/src/core/describe/valueHover.ts';
import { caveatNotes } from '../../server/src/core/checks/catalog/requestCaveat.ts';
import { evaluate } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION, parseKubernetesVersion, type KubernetesVersion } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { checkGolden, withoutRequests } from '../helpers/golden.ts';

const V = LATEST_KUBERNETES_VERSION;
const v = (s: string): KubernetesVersion => parseKubernetesVersion(s) ?? V;

/** `hover` contains every fragment (the texts are long; the facts are what must not drift). */
function check(hover: string | undefined, ...fragments: string[]): void {
  assert.ok(hover !== undefined);
  for (const f of fragments) assert.ok(hover.includes(f), `${JSON.stringify(f)} not in:\n${hover}`);
}

test('levels and stages: meaning from the schema, wrong case refused', () => {
  check(levelHover('Metadata'), 'Level `Metadata`', 'no request or response body');
  check(levelHover('metadata'), 'is not a level', 'case-sensitive', 'refuses the policy');
  check(stageHover('ResponseStarted'), 'long-running requests', 'no event is written at this stage');
  check(stageHover('Started'), 'is not a stage');
});

test('verbs: derived from method and path; RBAC-only verbs, `*` and capitals never match', () => {
  check(verbHover('watch'), '?watch=true', 'ResponseStarted');
  check(verbHover('get'), 'WebSocket', 'pods/exec');
  check(verbHover('impersonate'), 'RBAC-only', 'never matches');
  check(verbHover('*'), 'Not a wildcard', 'matches no request');
  check(verbHover('GET'), 'case-sensitively', 'write `get`');
  check(verbHover('post'), 'non-resource URL', '`create`');
  check(verbHover('frobnicate'), 'matches nothing');
});

test('namespaces and non-resource URLs: literal comparison, "" and prefixes', () => {
  check(namespaceHover(''), 'cluster-scoped', 'cluster-wide lists');
  check(namespaceHover('kube-*'), 'no wildcards');
  check(nonResourceUrlHover('/healthz*'), 'starts with `/healthz`');
  check(nonResourceUrlHover('/version'), 'exactly this path');
  check(nonResourceUrlHover('healthz'), 'matches nothing');
  check(nonResourceUrlHover('*'), 'every non-resource request');
});

test('users and groups: well-known identities, patterns, identities gone in the target release', () => {
  check(userHover('system:kube-scheduler', V), 'Well-known user: kube-scheduler.');
  check(userHover('system:serviceaccount:kube-system:foo', V), 'Matches `system:serviceaccount:<namespace>:<name>`');
  check(userHover('system:node:worker-1', V), 'user of a kubelet');
  check(userHover('system:unsecured', V), 'Obsolete', 'No request carries it on Kubernetes 1.36');
  check(userHover('system:unsecured', v('1.19')), 'Compared literally');
  check(userHover('alice', V), 'before impersonation');
  check(userGroupHover('system:authenticated'), 'every authenticated user');
  check(userGroupHover('system:serviceaccounts:kube-system'), 'every service account in a namespace');
});

test('API groups: core, built-in, wildcard by release, versions, extensions, unknown', () => {
  check(apiGroupHover('', V), '(core)', 'Built into Kubernetes');
  check(apiGroupHover('apps', V), 'versions v1');
  check(apiGroupHover('*', V), 'Every API group, from Kubernetes 1.36');
  check(apiGroupHover('*', v('1.30')), 'compared literally and matches no group');
  check(apiGroupHover('apps/v1', V), 'group with a version', '`apps`');
  check(apiGroupHover('metrics.k8s.io', V), 'Not built in', 'metrics-server');
  check(apiGroupHover('example.com', V), 'a CRD or aggregated API, or a typo');
  check(apiGroupHover('extensions', V), 'No longer served');
});

test('resources: kind and scope, subresources, wildcards, wrong group', () => {
  check(resourceHover('', 'pods', V), 'Kind `Pod`, namespaced', '`exec`');
  check(resourceHover('', 'nodes', V), 'cluster-scoped');
  check(resourceHover('', 'pods/exec', V), 'The `exec` subresource of `pods`');
  check(resourceHover('', 'pods/nonsense', V), 'which it does not have');
  check(resourceHover('', 'pods/*', V), '`pods` and all its subresources');
  check(resourceHover('', '*/status', V), 'The `status` subresource of every resource');
  check(resourceHover('', '*', V), 'Every resource of the group');
  check(resourceHover('', 'deployments', V), 'Not a resource of core', 'It exists in `apps`');
  check(resourceNameHover('aws-auth'), 'Object name `aws-auth`', 'carry the name `""`', 'fieldSelector=metadata.name=aws-auth');
});

test('keys: descriptions from the schema by context; unknown keys get none', () => {
  check(keyHover('rule', 'omitStages'), 'Rule field', 'in addition to the policy-level');
  check(keyHover('groupResources', 'group'), 'Field of a `resources` entry', 'without a version');
  check(keyHover('policy', 'rules'), 'Policy field', 'first rule that matches');
  assert.equal(keyHover('rule', 'verb'), undefined);
  assert.equal(keyHover('policy', 'constructor'), undefined);
});

const FIXTURE = readFileSync(join(__dirname, '..', 'protocol', 'fixtures', 'policy.yaml'), 'utf8');

test('rule hovers: summary, reachability with witness, overlaps, replay hits (golden)', () => {
  const { policy } = lint(FIXTURE, { kubernetesVersion: V });
  const analysis = cachedAnalysis(policy, V);
  const hovers = policy.rules.map((rule) =>
    ruleHover({ rule, policy, kubernetesVersion: V, analysis: analysis.rules[rule.index], hits: rule.index === 1 ? { hits: 1234, events: 10000 } : rule.index === 2 ? { hits: 0, events: 10000 } : undefined }),
  );
  // Which request the analysis picks as a witness is its own business (tested there); here each
  // hover must show the analysis' own witness, and the golden keeps only the wording around it.
  policy.rules.forEach((rule, i) => {
    const example = analysis.rules[rule.index]?.witness ?? analysis.rules[rule.index]?.example;
    if (example) check(hovers[i], `\`${example.description}\``);
  });
  checkGolden(join(__dirname, '..', 'fixtures', 'golden', 'describe', 'rule-hovers.md'), `${hovers.map(withoutRequests).join('\n\n=====\n\n')}\n`);
  check(hovers[1], 'Replay: **1,234** of 10,000 events (12.3%).');
  check(hovers[2], '**Never applies**: rule 1 takes every request it matches first');
});

test('explain trace: request, outcome, every rule tried, hostile strings stay literal (golden)', () => {
  const { policy } = lint(FIXTURE, { kubernetesVersion: V });
  const read = eventToAttributes({ kind: 'Event', verb: 'get', requestURI: '/version?x=<img src=x onerror=alert(1)>', user: { username: '*bob*|<script>', groups: ['system:authenticated'] } });
  assert.ok(read.ok);
  const markdown = explainMarkdown({ policy, attributes: read.attributes, evaluation: evaluate(policy, read.attributes, V), notes: [] });
  checkGolden(join(__dirname, '..', 'fixtures', 'golden', 'describe', 'explain-trace.md'), markdown);
  const outsideCode = markdown.replace(/`[^`\n]*`/g, '');
  assert.ok(!/(^|[^\\])</.test(outsideCode), 'HTML from the request is escaped outside code spans');
  check(markdown, '**Rule 3 matches**: level `None` (not logged).', '✓ **rule 3**', '✗ **rule 0**');
});

test('rule hover: the summary first, the order in one line however many rules take part (issue 15)', () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'policies', 'tanzu-tkg.yaml'), 'utf8');
  const { policy } = lint(text, { kubernetesVersion: V });
  const analysis = cachedAnalysis(policy, V);
  const crowded = analysis.rules.filter((r) => r.status === 'reachable' && !r.catchAll && r.overlaps.length >= 8);
  assert.ok(crowded.length > 0, 'tanzu has a rule that many earlier rules take requests from');
  for (const a of crowded) {
    const rule = policy.rules[a.rule];
    assert.ok(rule);
    const hover = ruleHover({ rule, policy, kubernetesVersion: V, analysis: a, hits: undefined });
    const lines = hover.split('\n').filter((l) => l !== '');
    assert.match(lines[0] ?? '', new RegExp(`^\\*\\*Rule ${a.rule}\\*\\* \\(\`\\w+\`\\): (Logs|Does not log)`), 'the summary is the first line');
    const order = lines.filter((l) => l.includes('Order matters'));
    assert.equal(order.length, 1, hover);
    assert.ok(order[0]?.startsWith(`[**Order matters**](${codeDocumentationUrl('partial-overlap')}) with rules `), order[0]);
    assert.match(order[0] ?? '', / with rules \d[^:]*, which take some of its requests first.*Go to Definition lists them\.$/);
    assert.ok(!/^- rule/m.test(hover), `no line per rule:\n${hover}`);
    assert.equal(lines.length, 3, hover);
  }
});

test('rule hover, analyze and Explain say when a request is one the release never sees (obsolete-user)', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["system:unsecured"]\n- level: Metadata\n';
  const { policy, findings } = lint(text, { kubernetesVersion: V });
  const rule = policy.rules[0];
  assert.ok(rule);
  const analysis = cachedAnalysis(policy, V).rules[0];
  assert.equal(analysis?.status, 'reachable');
  const caveat = 'not a request Kubernetes 1.36 sees: user "system:unsecured" no longer exists, see obsolete-user';
  check(ruleHover({ rule, policy, kubernetesVersion: V, analysis, hits: undefined }), caveat);
  check(findings.find((f) => f.code === 'obsolete-user')?.message, 'User "system:unsecured" no longer exists on Kubernetes 1.36, so this rule matches no real request.');
  const old = v('1.19');
  const before = ruleHover({ rule, policy, kubernetesVersion: old, analysis: cachedAnalysis(policy, old).rules[0], hits: undefined });
  assert.ok(!before.includes('not a request'), 'on 1.19 the insecure port still exists');
  const witness = analysis?.witness;
  assert.ok(witness);
  const explained = explainMarkdown({ policy, attributes: witness.attributes, evaluation: evaluate(policy, witness.attributes, V), notes: caveatNotes(witness.attributes, V) });
  check(explained, `> this is ${caveat}`);
});
