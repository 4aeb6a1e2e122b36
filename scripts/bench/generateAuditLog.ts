// Synthetic audit logs with the traffic of a real cluster, as kube-apiserver's log backend writes
// them (field order, escapes, timestamps): kubelets renewing leases and patching node and pod
// status, controllers and the scheduler watching and listing, leader-election leases, service
// accounts of add-ons, health probes and discovery, and a few humans with kubectl, some with
// request/response bodies. Deterministic for a seed, so every run measures the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { random } from './random.ts';

interface Request {
  readonly verb: string;
  readonly uri: string;
  readonly user: string;
  readonly groups: readonly string[];
  readonly agent: string;
  readonly ref?: { resource: string; namespace?: string; name?: string; apiGroup?: string; apiVersion: string; subresource?: string };
  readonly level: 'Metadata' | 'Request' | 'RequestResponse';
  readonly code: number;
  /** Approximate body size, when the recorded level carries one. */
  readonly body?: number;
  readonly longRunning?: boolean;
}

const NODES = 60;
const NAMESPACES = ['default', 'kube-system', 'monitoring', 'ingress-nginx', 'cert-manager', 'payments', 'checkout', 'search', 'web', 'batch-jobs', 'logging', 'istio-system'];
const PODS_PER_NS = 40;
const HUMANS = [
  { user: 'alice@example.com', groups: ['oidc:sre', 'system:authenticated'] },
  { user: 'bob@example.com', groups: ['oidc:dev', 'system:authenticated'] },
  { user: 'carol@example.com', groups: ['oidc:dev', 'system:authenticated'] },
];
const KUBELET_AGENT = 'kubelet/v1.30.2 (linux/amd64) kubernetes/3968350';
const KCM_AGENT = 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/leader-election';
const KUBECTL_AGENT = 'kubectl/v1.30.1 (darwin/arm64) kubernetes/6911225';
const SA = (ns: string, name: string): { user: string; groups: string[] } => ({
  user: `system:serviceaccount:${ns}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
});

/** One generator of requests per kind of client, with its share of the traffic. */
function trafficMix(r: () => number): [number, () => Request][] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const node = (): string => `node-${Math.floor(r() * NODES)}`;
  // Each pod runs on one node: its kubelet is the one that patches it and reads its config.
  const nodeOf = (pod: string): string => `node-${[...pod].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1000003, 7) % NODES}`;
  const ns = (): string => pick(NAMESPACES);
  // Pods keep their names: a cluster has a few hundred pods, each seen again and again.
  const pod = (ns: string): string => `${ns}-app-${Math.floor(r() * PODS_PER_NS)}-7d9c6b5f4`;
  const kubelet = (n: string) => ({ user: `system:node:${n}`, groups: ['system:nodes', 'system:authenticated'], agent: KUBELET_AGENT });
  const watchQuery = (): string => `?allowWatchBookmarks=true&resourceVersion=${Math.floor(r() * 1e7)}&timeout=${Math.floor(r() * 400 + 300)}s&timeoutSeconds=${Math.floor(r() * 400 + 300)}&watch=true`;
  return [
    [18, () => { const n = node(); return { verb: 'update', uri: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${n}?timeout=10s`, ...kubelet(n), ref: { resource: 'leases', namespace: 'kube-node-lease', name: n, apiGroup: 'coordination.k8s.io', apiVersion: 'v1' }, level: 'Metadata', code: 200 }; }],
    [10, () => { const n = node(); return { verb: 'patch', uri: `/api/v1/nodes/${n}/status?timeout=10s`, ...kubelet(n), ref: { resource: 'nodes', name: n, apiVersion: 'v1', subresource: 'status' }, level: 'Request', code: 200, body: 2000 + Math.floor(r() * 4000) }; }],
    [8, () => { const s = ns(); const p = pod(s); return { verb: 'patch', uri: `/api/v1/namespaces/${s}/pods/${p}/status`, ...kubelet(nodeOf(p)), ref: { resource: 'pods', namespace: s, name: p, apiVersion: 'v1', subresource: 'status' }, level: 'Request', code: 200, body: 1500 + Math.floor(r() * 2500) }; }],
    [8, () => { const s = ns(); const p = pod(s); const kind = pick(['configmaps', 'secrets']); const name = `${s}-${kind === 'secrets' ? 'tls' : 'config'}-${p.length % 5}`; return { verb: 'get', uri: `/api/v1/namespaces/${s}/${kind}/${name}`, ...kubelet(nodeOf(p)), ref: { resource: kind, namespace: s, name, apiVersion: 'v1' }, level: 'Metadata', code: 200 }; }],
    [6, () => { const n = node(); return { verb: 'watch', uri: `/api/v1/pods?fieldSelector=spec.nodeName%3D${n}${watchQuery().replace('?', '&')}`, ...kubelet(n), ref: { resource: 'pods', apiVersion: 'v1' }, level: 'Metadata', code: 200, longRunning: true }; }],
    [7, () => ({ verb: 'get', uri: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager?timeout=5s', user: 'system:kube-controller-manager', groups: ['system:authenticated'], agent: KCM_AGENT, ref: { resource: 'leases', namespace: 'kube-system', name: 'kube-controller-manager', apiGroup: 'coordination.k8s.io', apiVersion: 'v1' }, level: 'Metadata', code: 200 })],
    [7, () => ({ verb: 'update', uri: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler?timeout=5s', user: 'system:kube-scheduler', groups: ['system:authenticated'], agent: 'kube-scheduler/v1.30.2 (linux/amd64) kubernetes/3968350/leader-election', ref: { resource: 'leases', namespace: 'kube-system', name: 'kube-scheduler', apiGroup: 'coordination.k8s.io', apiVersion: 'v1' }, level: 'Metadata', code: 200 })],
    [6, () => { const [group, version, resource] = pick([['', 'v1', 'pods'], ['apps', 'v1', 'deployments'], ['apps', 'v1', 'replicasets'], ['', 'v1', 'services'], ['discovery.k8s.io', 'v1', 'endpointslices'], ['', 'v1', 'nodes'], ['batch', 'v1', 'jobs'], ['', 'v1', 'persistentvolumeclaims']] as const); const prefix = group === '' ? '/api/v1' : `/apis/${group}/${version}`; return { verb: pick(['watch', 'list']), uri: `${prefix}/${resource}${watchQuery()}`, user: pick(['system:kube-controller-manager', 'system:kube-scheduler']), groups: ['system:authenticated'], agent: KCM_AGENT, ref: { resource, apiGroup: group, apiVersion: version }, level: 'Metadata', code: 200, longRunning: true }; }],
    [6, () => { const s = ns(); const who = pick([SA('kube-system', 'replicaset-controller'), SA('kube-system', 'deployment-controller'), SA('kube-system', 'endpointslice-controller')]); const [group, resource, sub] = pick([['apps', 'replicasets', 'status'], ['apps', 'deployments', 'status'], ['discovery.k8s.io', 'endpointslices', '']] as const); const name = `${s}-app-${Math.floor(r() * PODS_PER_NS)}`; return { verb: 'update', uri: `/apis/${group}/v1/namespaces/${s}/${resource}/${name}${sub ? `/${sub}` : ''}`, ...who, agent: KCM_AGENT, ref: { resource, namespace: s, name, apiGroup: group, apiVersion: 'v1', ...(sub ? { subresource: sub } : {}) }, level: 'Request', code: 200, body: 1200 + Math.floor(r() * 2000) }; }],
    // kube-apiserver fills objectRef.name of a create from the new object (LogRequestObject): every
    // Event object has its own name, so each of these is a distinct request.
    [5, () => { const s = ns(); const name = `${pod(s)}.17${Math.floor(r() * 0x10000000).toString(16)}`; return { verb: 'create', uri: `/api/v1/namespaces/${s}/events`, ...pick([kubelet(node()), { ...SA('kube-system', 'replicaset-controller'), agent: KCM_AGENT }]), ref: { resource: 'events', namespace: s, name, apiVersion: 'v1' }, level: 'Request', code: 201, body: 700 }; }],
    [5, () => ({ verb: 'watch', uri: `/apis/discovery.k8s.io/v1/endpointslices?labelSelector=%21service.kubernetes.io%2Fheadless${watchQuery().replace('?', '&')}`, user: pick(['system:kube-proxy', 'system:serviceaccount:kube-system:coredns']), groups: ['system:authenticated'], agent: 'kube-proxy/v1.30.2 (linux/amd64) kubernetes/3968350', ref: { resource: 'endpointslices', apiGroup: 'discovery.k8s.io', apiVersion: 'v1' }, level: 'Metadata', code: 200, longRunning: true })],
    [4, () => ({ verb: 'list', uri: `/api/v1/${pick(['pods', 'endpoints', 'services', 'nodes'])}?limit=500&resourceVersion=0`, ...SA('monitoring', 'prometheus-k8s'), agent: 'Prometheus/2.51.0', ref: { resource: pick(['pods', 'endpoints', 'services', 'nodes']), apiVersion: 'v1' }, level: 'Metadata', code: 200 })],
    [4, () => ({ verb: 'get', uri: pick(['/healthz', '/livez', '/readyz', '/readyz?verbose', '/livez/etcd']), user: 'system:anonymous', groups: ['system:unauthenticated'], agent: 'kube-probe/1.30', level: 'Metadata', code: 200 })],
    [3, () => ({ verb: 'get', uri: pick(['/api', '/apis', '/openapi/v2', '/openapi/v3', '/version', '/apis/apps/v1', '/apis/batch/v1']), ...pick([{ ...SA('kube-system', 'generic-garbage-collector'), agent: KCM_AGENT }, { ...SA('cert-manager', 'cert-manager'), agent: 'cert-manager/v1.14.4' }, { ...HUMANS[0]!, agent: KUBECTL_AGENT }]), level: 'Metadata', code: 200 })],
    [1, () => { const h = pick(HUMANS); const s = ns(); return { verb: pick(['get', 'list']), uri: `/api/v1/namespaces/${s}/pods?limit=500`, ...h, agent: KUBECTL_AGENT, ref: { resource: 'pods', namespace: s, apiVersion: 'v1' }, level: 'Metadata', code: 200 }; }],
    [0.5, () => { const h = pick(HUMANS); const s = ns(); const name = `${s}-app-${Math.floor(r() * PODS_PER_NS)}`; return { verb: 'patch', uri: `/apis/apps/v1/namespaces/${s}/deployments/${name}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`, ...h, agent: KUBECTL_AGENT, ref: { resource: 'deployments', namespace: s, name, apiGroup: 'apps', apiVersion: 'v1' }, level: 'RequestResponse', code: 200, body: 4000 + Math.floor(r() * 4000) }; }],
    [0.3, () => { const h = pick(HUMANS); const s = ns(); const name = pod(s); return { verb: pick(['create', 'get']), uri: `/api/v1/namespaces/${s}/pods/${name}/exec?command=sh&container=app&stdin=true&stdout=true&tty=true`, ...h, agent: KUBECTL_AGENT, ref: { resource: 'pods', namespace: s, name, apiVersion: 'v1', subresource: 'exec' }, level: 'Metadata', code: 101, longRunning: true }; }],
    [0.2, () => { const h = pick(HUMANS); const s = ns(); return { verb: 'get', uri: `/api/v1/namespaces/${s}/secrets/${s}-tls-0`, ...h, agent: KUBECTL_AGENT, ref: { resource: 'secrets', namespace: s, name: `${s}-tls-0`, apiVersion: 'v1' }, level: 'Metadata', code: 403 }; }],
  ];
}

/** A Kubernetes-looking object of about `size` bytes (managedFields, labels, a spec, a status). */
function body(r: () => number, size: number, name: string): unknown {
  const conditions = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'].map((type) => ({
    type,
    status: type === 'Ready' ? 'True' : 'False',
    lastHeartbeatTime: '2024-05-01T10:00:00Z',
    lastTransitionTime: '2024-04-28T08:12:45Z',
    reason: `Kubelet${type}`,
    message: `kubelet reports ${type} \u0026 all is well`,
  }));
  const images: unknown[] = [];
  let approx = 900;
  while (approx < size) {
    const digest = Math.floor(r() * 1e16).toString(16).padStart(14, '0');
    images.push({ names: [`registry.example.com/team/app@sha256:${digest}${digest}${digest}${digest}`.slice(0, 110), `registry.example.com/team/app:v${Math.floor(r() * 100)}`], sizeBytes: Math.floor(r() * 5e8) });
    approx += 190;
  }
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: {
      name,
      resourceVersion: String(Math.floor(r() * 1e8)),
      labels: { 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'eu-west-1a' },
      managedFields: [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:conditions': {} } } }],
    },
    status: { conditions, images },
  };
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.toISOString().slice(0, 19)}.${pad(Math.floor((ms % 1000) * 1000 + 123), 6)}Z`;
}

function uuid(r: () => number): string {
  const h = (): string => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
  const a = h() + h() + h() + h();
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
}

/** The events of one request: RequestReceived for some, ResponseStarted for long-running ones, ResponseComplete. */
function* eventsOf(req: Request, r: () => number, ms: number): Generator<string> {
  const auditID = uuid(r);
  const ref = req.ref;
  const objectRef = ref === undefined ? undefined : { resource: ref.resource, namespace: ref.namespace, name: ref.name, apiGroup: ref.apiGroup, apiVersion: ref.apiVersion, subresource: ref.subresource };
  const requestObject = req.body !== undefined ? body(r, req.body, ref?.name ?? 'x') : undefined;
  const base = (stage: string, withResponse: boolean) => ({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: req.level,
    auditID,
    stage,
    requestURI: req.uri,
    verb: req.verb,
    user: { username: req.user, groups: req.groups },
    sourceIPs: [`10.0.${Math.floor(r() * 4)}.${Math.floor(r() * 250 + 2)}`],
    userAgent: req.agent,
    objectRef,
    responseStatus: withResponse ? { metadata: {}, code: req.code } : undefined,
    requestObject: requestObject,
    responseObject: withResponse && req.level === 'RequestResponse' ? requestObject : undefined,
    requestReceivedTimestamp: timestamp(ms),
    stageTimestamp: timestamp(ms + (withResponse ? Math.floor(r() * 40) : 0)),
    annotations: { 'authorization.k8s.io/decision': req.code === 403 ? 'forbid' : 'allow', 'authorization.k8s.io/reason': req.code === 403 ? '' : `RBAC: allowed by ClusterRoleBinding "${req.user.split(':').pop()}" of ClusterRole "${req.verb}-role" to User "${req.user}"` },
  });
  if (r() < 0.2) yield JSON.stringify({ ...base('RequestReceived', false), requestObject: undefined });
  if (req.longRunning) yield JSON.stringify(base('ResponseStarted', true));
  yield JSON.stringify(base('ResponseComplete', true));
}

export type LogShape = 'jsonl' | 'eventlist';

/** Writes about `events` events to `path`; returns the number written and the bytes. */
export async function generateAuditLog(path: string, events: number, seed = 1, shape: LogShape = 'jsonl'): Promise<{ events: number; bytes: number }> {
  const r = random(seed);
  const mix = trafficMix(r);
  const totalWeight = mix.reduce((a, [w]) => a + w, 0);
  const out = createWriteStream(path);
  let written = 0;
  let bytes = 0;
  let ms = Date.UTC(2024, 4, 1, 10, 0, 0);
  let batch: string[] = [];
  const sep = shape === 'jsonl' ? '\n' : ',\n';
  const flush = async (): Promise<void> => {
    const text = batch.join('');
    batch = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (shape === 'eventlist') batch.push('{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[\n');
  while (written < events) {
    let x = r() * totalWeight;
    let i = 0;
    while (x >= (mix[i]![0] as number) && i < mix.length - 1) x -= mix[i++]![0];
    for (const line of eventsOf(mix[i]![1](), r, ms)) {
      if (written === events) break;
      batch.push(shape === 'eventlist' && written > 0 ? sep : '', line, shape === 'jsonl' ? '\n' : '');
      written++;
    }
    ms += Math.floor(r() * 3);
    if (batch.length > 3000) await flush();
  }
  if (shape === 'eventlist') batch.push('\n]}\n');
  await flush();
  out.end();
  await once(out, 'finish');
  return { events: written, bytes };
}
