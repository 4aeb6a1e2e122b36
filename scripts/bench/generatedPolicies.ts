// Generated audit policies for the benchmarks and the tests that need many rules: realistic ones
// (GCE-style, seeded) and adversarial ones (many groups or overlapping path prefixes).
import { random } from './random.ts';

const USERS = ['system:kube-proxy', 'system:kube-scheduler', 'system:kube-controller-manager', 'kubelet', 'system:apiserver', 'cluster-autoscaler', 'system:serviceaccount:kube-system:endpoint-controller'];
const GROUPS = ['system:nodes', 'system:serviceaccounts', 'system:masters', 'oidc:admins', 'system:authenticated'];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const RESOURCES: [string, string[]][] = [
  ['', ['pods', 'pods/log', 'pods/exec', 'pods/status', 'secrets', 'configmaps', 'services', 'endpoints', 'nodes', 'nodes/status', 'events', 'serviceaccounts/token', 'namespaces']],
  ['apps', ['deployments', 'deployments/scale', 'statefulsets', 'daemonsets', 'replicasets']],
  ['rbac.authorization.k8s.io', ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']],
  ['batch', ['jobs', 'cronjobs']],
  ['coordination.k8s.io', ['leases']],
  ['authentication.k8s.io', ['tokenreviews']],
];
const NAMESPACES = ['kube-system', 'default', 'monitoring', ''];
const URLS = ['/healthz*', '/livez*', '/readyz*', '/version', '/metrics', '/openapi/*', '/swagger*', '/api*'];
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** A GCE-style policy: narrow None rules for system components, resource rules, URL rules, a catch-all. */
export function generatedPolicy(rules: number, seed: number): string {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs)))];
  const q = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const out = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages: ["RequestReceived"]', 'rules:'];
  for (let i = 0; i < rules - 1; i++) {
    out.push(`  - level: ${pick(LEVELS)}`);
    // Like real policies: first narrow rules for named components, then broader resource rules.
    const narrow = i < rules * 0.7;
    if (narrow && r() < 0.75) out.push(`    users: ${q(some(USERS, 3))}`);
    else if (narrow) out.push(`    userGroups: ${q(some(GROUPS, 2))}`);
    if (narrow || r() < 0.5) out.push(`    verbs: ${q(some(VERBS, 3))}`);
    if (r() < 0.12) {
      out.push(`    nonResourceURLs: ${q(some(URLS, 3))}`);
      continue;
    }
    if (r() < 0.3) out.push(`    namespaces: ${q(some(NAMESPACES, 2))}`);
    out.push('    resources:');
    for (const [group, resources] of some(RESOURCES, 2)) {
      out.push(`      - group: ${JSON.stringify(group)}`);
      if (r() < 0.85) out.push(`        resources: ${q(some(resources, 3))}`);
      if (r() < 0.1) out.push(`        resourceNames: ${q([`name-${Math.floor(r() * 5)}`])}`);
    }
  }
  out.push('  - level: Metadata');
  return `${out.join('\n')}\n`;
}

/** Adversarial: every rule lists many groups or many overlapping path prefixes. */
export function adversarialPolicy(rules: number, kind: 'groups' | 'prefixes'): string {
  const out = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];
  for (let i = 0; i < rules; i++) {
    const level = LEVELS[i % 4] as string;
    if (kind === 'groups') {
      const groups = Array.from({ length: 40 }, (_, k) => `group-${(i * 7 + k * 13) % 200}`);
      out.push(`  - level: ${level}`, `    userGroups: ${JSON.stringify(groups)}`, `    verbs: [${JSON.stringify(VERBS[i % 8])}]`);
    } else {
      const urls = Array.from({ length: 30 }, (_, k) => `/p${(i + k) % 50}/${'x'.repeat(k % 5)}*`);
      out.push(`  - level: ${level}`, `    nonResourceURLs: ${JSON.stringify(urls)}`, `    userGroups: ["g${i % 9}", "g${(i + 3) % 9}"]`);
    }
  }
  return `${out.join('\n')}\n`;
}
