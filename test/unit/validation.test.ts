// ValidatePolicy (staging/src/k8s.io/apiserver/pkg/apis/audit/validation/validation.go) and the
// reader's zero-rule check: for every rule a failing and a passing example, with the location of the
// finding ([code, source text it points at, words its message must contain]).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCheckContext, type Check } from '../../server/src/core/checks/check.ts';
import { invalidGroup } from '../../server/src/core/checks/validation/invalidGroup.ts';
import { invalidNonResourceUrl } from '../../server/src/core/checks/validation/invalidNonResourceUrl.ts';
import { mixedResourceAndNonResource } from '../../server/src/core/checks/validation/mixedResourceAndNonResource.ts';
import { noRules } from '../../server/src/core/checks/validation/noRules.ts';
import { resourceNamesWithoutResources } from '../../server/src/core/checks/validation/resourceNamesWithoutResources.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { said } from './checksHarness.ts';

const H = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

interface ValidationCase {
  readonly name: string;
  readonly check: Check;
  readonly yaml: string;
  readonly minor?: number;
  readonly expect: readonly (readonly [string, string])[];
}

const rule = (body: string): string => `${H}rules:\n- level: None\n${body}`;

const CASES: readonly ValidationCase[] = [
  // validateNonResourceURLs
  { name: 'URL without leading slash', check: invalidNonResourceUrl, yaml: rule('  nonResourceURLs: [healthz]\n'), expect: [['healthz', "must begin with a '/' character"]] },
  { name: 'empty URL', check: invalidNonResourceUrl, yaml: rule('  nonResourceURLs: [""]\n'), expect: [['""', "must begin with a '/'"]] },
  { name: 'wildcard inside the URL', check: invalidNonResourceUrl, yaml: rule('  nonResourceURLs: ["/api/*/foo"]\n'), expect: [['"/api/*/foo"', "wildcards '*' must be the final character"]] },
  { name: 'both URL problems at once', check: invalidNonResourceUrl, yaml: rule('  nonResourceURLs: ["*foo"]\n'), expect: [['"*foo"', "must begin with a '/' character; rules[0].nonResourceURLs[0]: Invalid value: \"*foo\": non-resource URL wildcards"]] },
  { name: 'valid URLs: *, exact, trailing *', check: invalidNonResourceUrl, yaml: rule('  nonResourceURLs: ["*", /healthz, "/readyz*", /]\n'), expect: [] },
  // validatePolicyRule: resources or namespaces with nonResourceURLs
  { name: 'nonResourceURLs with resources', check: mixedResourceAndNonResource, yaml: rule('  resources: [{group: ""}]\n  nonResourceURLs: [/healthz]\n'), expect: [['nonResourceURLs', 'both nonResourceURLs and resources']] },
  { name: 'nonResourceURLs with namespaces', check: mixedResourceAndNonResource, yaml: rule('  namespaces: [""]\n  nonResourceURLs: [/healthz]\n'), expect: [['nonResourceURLs', 'both nonResourceURLs and namespaces']] },
  { name: 'nonResourceURLs with users and verbs is fine', check: mixedResourceAndNonResource, yaml: rule('  users: [a]\n  verbs: [get]\n  nonResourceURLs: [/healthz]\n'), expect: [] },
  { name: 'empty resources list with nonResourceURLs is fine', check: mixedResourceAndNonResource, yaml: rule('  resources: []\n  nonResourceURLs: [/healthz]\n'), expect: [] },
  // validateResources: resourceNames
  { name: 'resourceNames without resources', check: resourceNamesWithoutResources, yaml: rule('  resources:\n  - group: ""\n    resourceNames: [aws-auth, other]\n'), expect: [['aws-auth, other', 'using resourceNames requires at least one resource']] },
  { name: 'resourceNames with resources', check: resourceNamesWithoutResources, yaml: rule('  resources:\n  - group: ""\n    resources: [configmaps]\n    resourceNames: [aws-auth]\n'), expect: [] },
  // validateResources: group must be a DNS-1123 subdomain
  { name: 'group with a version (apps/v1)', check: invalidGroup, yaml: rule('  resources: [{group: apps/v1}]\n'), expect: [['apps/v1', 'is a group/version, so kube-apiserver refuses the file']] },
  { name: 'group with uppercase', check: invalidGroup, yaml: rule('  resources: [{group: Apps}]\n'), expect: [['Apps', 'lowercase, so kube-apiserver refuses the file: write "apps"']] },
  { name: 'group with an underscore', check: invalidGroup, yaml: rule('  resources: [{group: my_group.io}]\n'), expect: [['my_group.io', 'lowercase RFC 1123 subdomain']] },
  { name: 'group longer than 253 characters', check: invalidGroup, yaml: rule(`  resources: [{group: ${'a'.repeat(254)}}]\n`), expect: [['a'.repeat(254), 'must be no more than 253 characters']] },
  { name: 'group "*" before 1.36', check: invalidGroup, minor: 35, yaml: rule('  resources: [{group: "*"}]\n'), expect: [['"*"', 'accepted from Kubernetes 1.36']] },
  { name: 'group "*" from 1.36', check: invalidGroup, minor: 36, yaml: rule('  resources: [{group: "*"}]\n'), expect: [] },
  { name: 'leading wildcard groups are still invalid', check: invalidGroup, yaml: rule('  resources: [{group: "*.example.com"}]\n'), expect: [['"*.example.com"', 'not a valid API group name']] },
  { name: 'valid groups: core, apps, dotted, "core" and "v1" pass ValidatePolicy', check: invalidGroup, yaml: rule('  resources: [{group: ""}, {}, {group: apps}, {group: rbac.authorization.k8s.io}, {group: core}, {group: v1}]\n'), expect: [] },
  // reader.go: zero rules
  { name: 'rules: []', check: noRules, yaml: `${H}rules: []\n`, expect: [['rules', 'loaded illegal policy with 0 rules']] },
  { name: 'no rules key', check: noRules, yaml: H, expect: [['apiVersion: audit.k8s.io/v1', 'no rules']] },
  { name: 'one rule', check: noRules, yaml: rule(''), expect: [] },
];

function check(c: ValidationCase): void {
  const version = { major: 1 as const, minor: c.minor ?? 36 };
  const { policy } = loadPolicy(c.yaml, version);
  const found = [...c.check(createCheckContext(policy, c.yaml, version))];
  const label = `${c.name}: ${JSON.stringify(found.map(said))}`;
  assert.deepEqual(found.map((f) => c.yaml.slice(f.span.start, f.span.end)), c.expect.map(([text]) => text), label);
  c.expect.forEach(([, words], i) => assert.ok(found[i] && said(found[i]).includes(words), `${label} should contain ${words}`));
  for (const f of found) assert.equal(f.severity, 'error', label);
}

for (const c of CASES) test(c.name, () => check(c));

// validation_test.go's TestValidatePolicy (and reader_test.go's policies), re-expressed as YAML rules:
// each valid rule alone and all together validate; each invalid rule alone, or appended to the valid
// ones, gives at least one error.
const VALIDATION_CODES = new Set(['invalid-level', 'invalid-stage', 'invalid-non-resource-url', 'mixed-resource-and-non-resource', 'resource-names-without-resources', 'invalid-group']);
const UPSTREAM_VALID = [
  '- level: Metadata\n',
  '- level: None\n  userGroups: ["system:serviceaccounts", "system:nodes"]\n',
  '- level: RequestResponse\n  verbs: ["get"]\n  resources: [{group: rbac.authorization.k8s.io, resources: [roles, rolebindings]}]\n  namespaces: [kube-system]\n',
  '- level: Metadata\n  userGroups: [developers]\n  nonResourceURLs: ["/logs*", "/healthz*", "/metrics", "*"]\n',
];
const UPSTREAM_INVALID = [
  '- {}\n',
  '- verbs: ["get"]\n  resources: [{resources: [secrets]}]\n  namespaces: [kube-system]\n',
  '- level: FooBar\n',
  '- level: Metadata\n  namespaces: [default]\n  nonResourceURLs: ["/logs*"]\n',
  '- level: Metadata\n  resources: [{resources: [secrets]}]\n  nonResourceURLs: ["/logs*"]\n',
  '- level: Metadata\n  resources: [{group: rbac.authorization.k8s.io/v1beta1, resources: [roles]}]\n',
  '- level: Metadata\n  nonResourceURLs: [logs, "/healthz*"]\n',
  '- level: Metadata\n  nonResourceURLs: ["", "/healthz*"]\n',
  '- level: Metadata\n  nonResourceURLs: ["/logs/*/*", /metrics]\n',
  '- level: Metadata\n  nonResourceURLs: ["/logs/*.log", /metrics]\n',
];
const validationErrors = (rules: string): string[] =>
  lint(`${H}rules:\n${rules}`, { kubernetesVersion: LATEST_KUBERNETES_VERSION })
    .findings.filter((f) => VALIDATION_CODES.has(f.code) && f.severity === 'error')
    .map((f) => f.code);

test('upstream valid rules validate, alone and together', () => {
  for (const r of [...UPSTREAM_VALID, UPSTREAM_VALID.join('')]) assert.deepEqual(validationErrors(r), [], r);
});

test('upstream invalid rules are refused, alone and after valid ones', () => {
  for (const r of UPSTREAM_INVALID) {
    assert.ok(validationErrors(r).length > 0, r);
    assert.ok(validationErrors(UPSTREAM_VALID.join('') + r).length > 0, r);
  }
});

test('reader_test.go: no rules and the empty file are refused; no apiVersion/kind is refused', () => {
  const codes = (text: string) => lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION }).findings.filter((f) => f.severity === 'error').map((f) => f.code);
  assert.deepEqual(codes('apiVersion: audit.k8s.io/v1\nkind: Policy'), ['no-rules']);
  assert.deepEqual(codes('').sort(), ['missing-api-version', 'no-rules']);
  assert.deepEqual(codes(`rules:\n${UPSTREAM_VALID.join('')}`), ['missing-api-version']);
});
