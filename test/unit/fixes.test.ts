// Every quick fix, input -> edited text (golden files in test/fixtures/fixes), in the styles found in
// real policies: block and flow lists, 4-space documents, comments, CRLF, no final line break. Each
// applied fix must also remove its finding and break nothing (see fixesHarness.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Code } from '../../server/src/core/codes.ts';
import { FIXES } from '../../server/src/core/fixes/fixesFor.ts';
import { applyFixes, assertFixWorks, assertGolden, renderGolden } from './fixesHarness.ts';

interface Case {
  readonly name: string;
  readonly code: Code;
  readonly input: string;
  /** Kubernetes minor release to lint against (default 36). */
  readonly minor?: number;
  /** Titles of the fixes expected, in order (the golden holds the texts). */
  readonly titles: readonly string[];
}

const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

const CASES: readonly Case[] = [
  {
    name: 'api-version-v1beta1',
    code: 'unsupported-api-version',
    input: 'apiVersion: "audit.k8s.io/v1beta1" # old\nkind: Policy\nrules:\n- level: Metadata\n',
    titles: ['Change apiVersion to audit.k8s.io/v1'],
  },
  {
    name: 'api-version-v1alpha1-deprecated',
    code: 'deprecated-api-version',
    minor: 22,
    input: 'apiVersion: audit.k8s.io/v1alpha1\nkind: Policy\nrules:\n- level: Metadata\n',
    titles: ['Change apiVersion to audit.k8s.io/v1'],
  },
  {
    name: 'header-missing-4-space',
    code: 'missing-api-version',
    input: '# policy without a header\n    rules:\n        - level: Metadata\n',
    titles: ['Add apiVersion: audit.k8s.io/v1 and kind: Policy'],
  },
  {
    name: 'header-missing-kind',
    code: 'missing-kind',
    input: 'apiVersion: audit.k8s.io/v1\nrules:\n- level: Metadata\n',
    titles: ['Add kind: Policy'],
  },
  {
    name: 'unknown-field-verb-scalar',
    code: 'unknown-field',
    input: `${HEAD}rules:\n- level: None\n  verb: get # reads\n- level: Metadata\n`,
    titles: ["Rename 'verb' to 'verbs'", "Remove 'verb' (kube-apiserver ignores it)"],
  },
  {
    name: 'unknown-field-resource-in-entry',
    code: 'unknown-field',
    input: `${HEAD}rules:\n- level: Request\n  resources:\n  - group: machineconfiguration.openshift.io\n    resource: ["machineconfigs"]\n- level: Metadata\n`,
    titles: ["Rename 'resource' to 'resources'", "Remove 'resource' (kube-apiserver ignores it)"],
  },
  {
    name: 'unknown-field-usergroup-first-key-flow',
    code: 'unknown-field',
    input: `${HEAD}rules:\n- {userGroup: ["system:nodes"], level: None}\n- level: Metadata\n`,
    titles: ["Rename 'userGroup' to 'userGroups'", "Remove 'userGroup' (kube-apiserver ignores it)"],
  },
  {
    name: 'unknown-field-first-key-block',
    code: 'unknown-field',
    input: `${HEAD}rules:\n- verb: [get]\n  level: None\n- level: Metadata\n`,
    titles: ["Rename 'verb' to 'verbs'", "Remove 'verb' (kube-apiserver ignores it)"],
  },
  {
    name: 'invalid-type-shapes',
    code: 'invalid-type',
    input: `${HEAD}omitManagedFields: "True"\nrules:\n- level: [None]\n  verbs: get\n  namespaces: 3\n  resources:\n    group: apps\n    # workloads\n    resources: [deployments]\n- level: Metadata\n  omitStages: RequestReceived\n  resources: {group: ""}\n`,
    titles: [
      'Use the boolean true',
      "Use the single value of 'level'",
      "Make 'verbs' a list: [get]",
      'Make \'namespaces\' a list: ["3"]',
      "Make 'resources' a list of one entry",
      "Make 'omitStages' a list: [RequestReceived]",
      "Make 'resources' a list of one entry",
    ],
  },
  {
    name: 'invalid-level-case',
    code: 'invalid-level',
    input: `${HEAD}rules:\n- level: 'metadata'\n`,
    titles: ["Change level 'metadata' to 'Metadata'"],
  },
  {
    name: 'invalid-level-missing',
    code: 'invalid-level',
    input: `${HEAD}rules:\n  - verbs: ["get"]\n    users: ["alice"]\n  - level: None\n`,
    titles: ['Add level: Metadata'],
  },
  {
    name: 'invalid-stage-typo',
    code: 'invalid-stage',
    input: `${HEAD}omitStages:\n  - RequestRecieved\nrules:\n- level: Metadata\n  omitStages: ["responsecomplete"]\n`,
    titles: ["Change stage 'RequestRecieved' to 'RequestReceived'", "Change stage 'responsecomplete' to 'ResponseComplete'"],
  },
  {
    name: 'core-group-name',
    code: 'core-group-name',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: core\n    resources: ["pods"]\n`,
    titles: ['Change group \'core\' to "" (the core group)'],
  },
  {
    name: 'versioned-groups',
    code: 'invalid-group',
    input: `${HEAD}rules:\n- level: Request\n  resources:\n  - group: "apps/v1beta1"\n  - group: core/v1\n    resources: ["pods"]\n  - group: Batch\n`,
    titles: ["Change group 'apps/v1beta1' to 'apps' (a group has no version)", 'Change group \'core/v1\' to "" (the core group)', "Change group 'Batch' to 'batch'"],
  },
  {
    name: 'non-resource-url-slash',
    code: 'invalid-non-resource-url',
    input: `${HEAD}rules:\n- level: None\n  nonResourceURLs:\n  - healthz\n  - "livez*"\n  - /api/*/x\n`,
    titles: ["Change 'healthz' to '/healthz'", "Change 'livez*' to '/livez*'"],
  },
  {
    name: 'wrong-group-extend-existing',
    code: 'resource-in-wrong-group',
    input: `${HEAD}rules:\n- level: Request\n  resources:\n  - group: ""\n    resources: ["pods", "deployments"]\n  - group: "apps"\n    resources: ["statefulsets"]\n`,
    titles: ['Move \'deployments\' to an entry with group apps'],
  },
  {
    name: 'wrong-group-new-entry-block-lists',
    code: 'resource-in-wrong-group',
    input: `${HEAD}rules:\n    - level: Request\n      resources:\n        - group: ""\n          resources:\n            - pods\n            - deployments\n          resourceNames: ["a"]\n    - level: Metadata\n`,
    titles: ['Move \'deployments\' to an entry with group apps'],
  },
  {
    name: 'wrong-group-only-item-changes-group',
    code: 'resource-in-wrong-group',
    input: `${HEAD}rules:\n- level: Request\n  resources:\n  - resources: ["deployments"]\n  - {group: "", resources: [daemonsets]}\n`,
    titles: ["Move 'deployments' to an entry with group apps", "Move 'daemonsets' to an entry with group apps"],
  },
  {
    name: 'kind-to-plural',
    code: 'kind-instead-of-resource',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: [Pod, "secret", pods/Log]\n  - group: ""\n    resources: [Deployment, services]\n`,
    titles: ["Change 'Pod' to 'pods'", "Change 'secret' to 'secrets'", "Move 'Deployment' as 'deployments' to an entry with group apps"],
  },
  {
    name: 'removed-resource-moved',
    code: 'removed-api',
    minor: 30,
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: extensions\n    resources: ["deployments", "ingresses"]\n  - group: apps\n    resources: ["replicasets"]\n`,
    titles: ["Delete the 'extensions' entry (it matches nothing)"],
  },
  {
    name: 'removed-group-all-moved',
    code: 'removed-api',
    minor: 30,
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: "extensions"\n    resources: ["deployments", "daemonsets"]\n`,
    titles: ["Change group 'extensions' to 'apps', which serves deployments, daemonsets now"],
  },
  {
    name: 'unknown-resource-token-request',
    code: 'unknown-resource',
    input: `${HEAD}rules:\n- level: Request\n  resources:\n  - group: authentication.k8s.io\n    resources: ["tokenrequests", "tokenreviews"]\n  - group: ""\n    resources: ["pds"]\n`,
    titles: ["Move 'tokenrequests' as 'serviceaccounts/token' to an entry with group \"\" (core)", "Change 'pds' to 'pods'"],
  },
  {
    name: 'unknown-group-typo',
    code: 'unknown-group',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: "rbac.authorization.k8s.ioo"\n  - group: example.com\n`,
    titles: ["Change group 'rbac.authorization.k8s.ioo' to 'rbac.authorization.k8s.io'"],
  },
  {
    name: 'split-mixed-rule',
    code: 'mixed-resource-and-non-resource',
    input: `${HEAD}rules:\n# health and pods\n- level: None\n  users: ["system:kube-proxy"]\n  namespaces: ["kube-system"]\n  resources:\n  - group: ""\n    resources: ["pods"]\n  nonResourceURLs: ["/healthz"]\n- level: Metadata`,
    titles: ['Split rule 0 into a resource rule and a nonResourceURLs rule'],
  },
  {
    name: 'split-mixed-rule-flow',
    code: 'mixed-resource-and-non-resource',
    input: `${HEAD}rules:\n- {level: None, nonResourceURLs: ["/healthz"], resources: [{group: ""}]}\n- level: Metadata\n`,
    titles: ['Split rule 0 into a resource rule and a nonResourceURLs rule'],
  },
  {
    name: 'resource-names-without-resources',
    code: 'resource-names-without-resources',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: ""\n    resourceNames: ["aws-auth"]\n`,
    titles: ['Add resources: ["*"] (these names in any resource of the group)', 'Remove resourceNames (the entry then covers the whole group)'],
  },
  {
    name: 'sensitive-body-block',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules:\n  # everything the admins do, with bodies\n  - level: RequestResponse\n    userGroups: ["system:masters"]\n    verbs:\n      - get\n      - create\n    resources:\n      - group: ""\n        resources:\n          - secrets\n          - pods\n  - level: Metadata\n`,
    titles: ['Log secrets at Metadata: add a rule above rule 0'],
  },
  {
    name: 'sensitive-body-catch-all',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules:\n- level: None\n  nonResourceURLs: ["/healthz*"]\n- level: Request\n  omitStages: [RequestReceived]\n`,
    titles: ['Log secrets, configmaps, tokenreviews at Metadata: add a rule above rule 1'],
  },
  {
    // Issue 15: a rule above it for secrets alone would leave this rule nothing (shadowed-rule, whose
    // fix moves it back up), so its level is lowered instead.
    name: 'sensitive-body-only-sensitive',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules: [{level: RequestResponse, resources: [{group: "", resources: [secrets]}]}, {level: Metadata}]\n`,
    titles: ["Log secrets at Metadata: lower rule 0's level to Metadata"],
  },
  {
    name: 'sensitive-body-only-sensitive-names',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules:\n- level: "Request"\n  namespaces: [kube-system]\n  resources:\n  - group: ""\n    resources: [configmaps, secrets]\n    resourceNames: [aws-auth]\n  - group: authentication.k8s.io\n    resources: [tokenreviews]\n- level: Metadata\n`,
    titles: ["Log secrets, configmaps, tokenreviews at Metadata: lower rule 0's level to Metadata"],
  },
  {
    // secrets/* also names the subresources, which the copy would not take: insert.
    name: 'sensitive-body-subresources-stay',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules:\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["secrets/*"]\n- level: Metadata\n`,
    titles: ['Log secrets at Metadata: add a rule above rule 0'],
  },
  {
    // Only the userGroups kube-apiserver keeps (the last) is copied; copying both repeated the key.
    name: 'sensitive-body-duplicate-key',
    code: 'sensitive-resource-body',
    input: `${HEAD}rules:\n- level: RequestResponse\n  userGroups: [a]\n  verbs: [get]\n  userGroups: [b]\n- level: Metadata\n`,
    titles: ['Log secrets, configmaps, serviceaccounts/token, tokenreviews at Metadata: add a rule above rule 0'],
  },
  {
    name: 'redundant-omit-stage',
    code: 'redundant-omit-stage',
    input: `${HEAD}omitStages: [RequestReceived]\nrules:\n- level: Metadata\n  omitStages:\n  - RequestReceived\n  - Panic\n- level: None\n  omitStages: ["RequestReceived"]\n`,
    titles: ['Remove the stage (the policy already omits it)', 'Remove the stage (the policy already omits it)'],
  },
  {
    name: 'panic-omitted',
    code: 'panic-omitted',
    input: `${HEAD}rules:\n- level: Metadata\n  omitStages: ["RequestReceived", "Panic"]\n- level: None\n  omitStages:\n  - Panic\n`,
    titles: ['Stop omitting Panic', 'Stop omitting Panic'],
  },
  {
    name: 'duplicate-key',
    code: 'duplicate-key',
    input: `${HEAD}rules:\n- level: None\n  verbs: ["get"]\n  level: Metadata\n`,
    titles: ["Remove the earlier 'level' (kube-apiserver keeps the last one)"],
  },
  {
    name: 'obsolete-user',
    code: 'obsolete-user',
    input: `${HEAD}rules:\n- level: None\n  users: ["system:unsecured", "system:kube-proxy"]\n- level: None\n  users:\n  - system:unsecured\n- level: Metadata\n`,
    titles: ['Remove system:unsecured (no request carries it)', 'Delete rule 1 (no request carries system:unsecured)'],
  },
  {
    name: 'wrong-kind',
    code: 'wrong-kind',
    input: 'apiVersion: audit.k8s.io/v1\nkind: "AuditPolicy"\nrules:\n- level: Metadata\n',
    titles: ['Change kind to Policy'],
  },
  {
    name: 'exec-verbs-incomplete',
    code: 'exec-verbs-incomplete',
    input: `${HEAD}rules:\n- level: RequestResponse\n  verbs:\n  - create\n  resources:\n  - group: ""\n    resources: ["pods/exec", "pods/attach"]\n- level: Metadata\n`,
    titles: ['Add get to verbs (exec and attach arrive as get since kubectl 1.30)'],
  },
  {
    name: 'no-catch-all',
    code: 'no-catch-all',
    input: `${HEAD}rules:\n  - level: RequestResponse\n    users: ["alice"]\n  # the end`,
    titles: ['Add a catch-all rule "- level: Metadata" at the end'],
  },
  {
    name: 'catch-all-not-last',
    code: 'catch-all-not-last',
    input: `${HEAD}rules:\n  # log everything\n  - level: Metadata\n  # but not health checks\n  - level: None\n    nonResourceURLs: ["/healthz"]\n  - level: None\n    users: ["system:kube-proxy"]`,
    titles: ['Move rule 0 (it matches every request) to the end'],
  },
  {
    name: 'redundant-rule',
    code: 'redundant-rule',
    input: `${HEAD}rules:\n- level: None\n  users: ["system:kube-proxy"]\n# again\n- level: None\n  users: ["system:kube-proxy"]\n  verbs: ["watch"]\n- level: Metadata\n`,
    titles: ['Delete rule 1 (it changes nothing)'],
  },
  {
    name: 'unsatisfiable-rule',
    code: 'unsatisfiable-rule',
    input: `${HEAD}rules:\n- level: None\n  nonResourceURLs: ["healthz"]\n- level: Metadata\n`,
    titles: ['Delete rule 0 (no request can match it)'],
  },
  {
    name: 'shadowed-rule',
    code: 'shadowed-rule',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: ""\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["pods"]\n- level: None\n`,
    titles: ['Move rule 1 above rule 0, which now takes its requests'],
  },
  {
    // Both rules match the same requests: the move would only shadow rule 0, whose fix moves it back.
    name: 'shadowed-rule-same-requests',
    code: 'shadowed-rule',
    input: `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: ["pods"]\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["pods"]\n- level: None\n`,
    titles: [],
  },
];

for (const c of CASES) {
  test(`fix ${c.code}: ${c.name}`, () => {
    const applied = applyFixes(c.input, c.code, c.minor);
    assert.deepEqual(
      applied.map((a) => a.fix.title),
      c.titles,
    );
    for (const a of applied) assertFixWorks(c.input, c.code, a, c.minor);
    if (applied.length > 0) assertGolden(`${c.name}.txt`, renderGolden(applied));
  });
}

test('every code with a fix provider has a case', () => {
  const covered = new Set(CASES.filter((c) => c.titles.length > 0).map((c) => c.code));
  for (const code of Object.keys(FIXES)) assert.ok(covered.has(code as Code), `no fix case for ${code}`);
});

test('CRLF files keep CRLF in inserted lines', () => {
  const input = `${HEAD}rules:\n- level: None\n  nonResourceURLs: ["/healthz"]\n  namespaces: ["a"]\n- level: Metadata\n`.replace(/\n/g, '\r\n');
  const [split] = applyFixes(input, 'mixed-resource-and-non-resource');
  assert.ok(split);
  assert.doesNotMatch(split.result, /[^\r]\n/);
  assert.match(split.result, /- level: None\r\n {2}namespaces: \["a"\]\r\n- level: None\r\n {2}nonResourceURLs: \["\/healthz"\]\r\n/);
});

test('a policy with a YAML syntax error gets in-line fixes only', () => {
  // The stray "- group" line breaks the tree around rule 1; moving rule 0 along that tree would cut
  // the text in the wrong place, so only the one-word level fix is offered.
  const input = `${HEAD}rules:\n- level: metadata\n- level: None\n\n  - group: apps\n  users: ["a"]\n- level: None\n`;
  const codes = (t: string): string[] => applyFixes(t, 'invalid-level').map((a) => a.fix.title);
  assert.deepEqual(codes(input), ["Change level 'metadata' to 'Metadata'"]);
  assert.deepEqual(applyFixes(input, 'catch-all-not-last'), []);
});
