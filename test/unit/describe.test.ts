// Rule summaries (hover, outline, explain): exact sentences for the tricky shapes, and a golden of
// every rule of every corpus policy (test/fixtures/golden/describe/, UPDATE_GOLDENS=1 rewrites).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ruleShortSummary, ruleSummary } from '../../server/src/core/describe/ruleSummary.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { checkGolden } from '../helpers/golden.ts';

const POLICIES = join(__dirname, '..', 'fixtures', 'corpus', 'policies');
const GOLDEN = join(__dirname, '..', 'fixtures', 'golden', 'describe');

const load = (yaml: string): Policy => lint(`apiVersion: audit.k8s.io/v1\nkind: Policy\n${yaml}`, { kubernetesVersion: LATEST_KUBERNETES_VERSION }).policy;

/** The first rule of `rules` (YAML, flow or block) summarised, in full and short. */
function check(rules: string, full: string, short: string, header = ''): void {
  const policy = load(`${header}rules:\n${rules}`);
  const rule = policy.rules[0];
  assert.ok(rule, rules);
  assert.equal(ruleSummary(rule, policy), full, rules);
  assert.equal(ruleShortSummary(rule), short, rules);
}

test('summaries say level, verbs, resources, namespaces, users and omissions', () => {
  check(
    '  - level: Metadata\n    verbs: [get, list, watch]\n    resources: [{group: "", resources: [secrets, configmaps]}]',
    'Logs metadata of get/list/watch on core secrets and configmaps, for every user; omits RequestReceived.',
    'get/list/watch · core secrets and configmaps',
    'omitStages: [RequestReceived]\n',
  );
  check(
    '  - level: None\n    users: ["system:kube-proxy"]\n    verbs: [watch]\n    resources: [{group: "", resources: [endpoints, services, services/status]}]',
    'Does not log watch on core endpoints, services and services/status, for user system:kube-proxy.',
    'watch · core endpoints, services and services/status · user system:kube-proxy',
  );
  check('  - level: Metadata', 'Logs metadata of every request, for every user.', 'every request');
  check(
    '  - level: RequestResponse\n    resources: [{group: apps}]\n    omitManagedFields: true',
    'Logs metadata, request and response bodies of requests to every resource in apps, for every user; drops managedFields from the bodies.',
    'every resource in apps',
  );
  check('  - level: None\n    nonResourceURLs: ["/healthz*", "/version"]', 'Does not log requests to the non-resource URLs /healthz* and /version, for every user.', 'the non-resource URLs /healthz* and /version');
  check('  - level: None\n    nonResourceURLs: ["*"]\n    verbs: [get]', 'Does not log get on every non-resource URL, for every user.', 'get · every non-resource URL');
  check('  - level: Request\n    namespaces: [""]', 'Logs metadata and request bodies of requests to every resource outside any namespace (cluster-scoped), for every user.', 'every resource · outside any namespace (cluster-scoped)');
  check('  - level: Request\n    namespaces: [kube-system, ""]\n    userGroups: [system:nodes]', 'Logs metadata and request bodies of requests to every resource in namespace kube-system or cluster-scoped, for members of group system:nodes.', 'every resource · namespace kube-system or cluster-scoped · members of group system:nodes');
  check(
    '  - level: Metadata\n    users: [a, b, c, d, e, f]\n    userGroups: [g1, g2]\n    resources: [{group: "", resources: [configmaps], resourceNames: [aws-auth]}]',
    'Logs metadata of requests to core configmaps named aws-auth, for users a, b, c and 3 more when in groups g1 and g2.',
    'core configmaps named aws-auth · users a and 5 more when in groups g1 and g2',
  );
  check('  - level: None\n    omitStages: [RequestReceived]', 'Does not log every request, for every user.', 'every request');
  check('  - level: Loud', 'Never applies: its level is missing or invalid, so kube-apiserver would refuse the policy.', 'every request');
  check('  - level: RequestResponse\n    nonResourceURLs: ["/metrics"]', 'Logs only metadata of requests to the non-resource URL /metrics, for every user; level RequestResponse, but non-resource requests have no bodies to log.', 'the non-resource URL /metrics');
  check('  - level: Request\n    verbs: [get, watch]', 'Logs only metadata of get/watch requests, for every user; level Request, but get and watch send no request body.', 'get/watch · every request');
  check('  - level: Metadata\n    resources: [{group: "*", resources: ["*/status"]}]', 'Logs metadata of requests to */status in every group, for every user.', '*/status in every group');
});

for (const name of readdirSync(POLICIES).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`golden summaries: ${name}`, () => {
    const { policy } = lint(readFileSync(join(POLICIES, name), 'utf8'), { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    const lines = policy.rules.map((r) => `- rule ${r.index} (${ruleShortSummary(r)})\n  ${ruleSummary(r, policy)}\n`);
    checkGolden(join(GOLDEN, name.replace(/\.yaml$/, '.md')), `# ${name}\n\n${lines.join('')}`);
  });
}
