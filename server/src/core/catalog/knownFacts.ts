// Hand-maintained facts that discovery documents cannot give: what was removed and when, API groups
// that are common but not built in, and the identities kube-apiserver itself hands out. One source
// per fact; "minor" numbers are Kubernetes 1.x releases.

export interface RemovedGroup {
  readonly group: string;
  /** The versions it was last served in. */
  readonly versions: readonly string[];
  /** First release that no longer serves any version of the group. */
  readonly removedIn: number;
  readonly note: string;
}

export interface RemovedResource {
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly subresources: readonly string[];
  readonly removedIn: number;
  /** Where the same objects are served now, if anywhere. */
  readonly movedTo?: string;
}

export const REMOVED_GROUPS: readonly RemovedGroup[] = [
  // Kubernetes deprecation guide, "v1.22": extensions/v1beta1 Ingress, the group's last resource, is no longer served.
  { group: 'extensions', versions: ['v1beta1'], removedIn: 22, note: 'its workloads moved to apps in 1.16, its ingresses to networking.k8s.io' },
  // kubernetes PR #94090 (1.20): "The v1alpha1 PodPreset API and admission plugin has been removed".
  { group: 'settings.k8s.io', versions: ['v1alpha1'], removedIn: 20, note: 'PodPreset was an alpha API and has no replacement' },
  // kubernetes PR #91502 (1.19): "The alpha DynamicAuditing feature gate and auditregistration.k8s.io/v1alpha1 API have been removed".
  { group: 'auditregistration.k8s.io', versions: ['v1alpha1'], removedIn: 19, note: 'dynamic audit sinks were an alpha API; use --audit-webhook-config-file' },
];

export const REMOVED_RESOURCES: readonly RemovedResource[] = [
  // Kubernetes blog "Deprecated APIs Removed In 1.16" (2019-07-18): extensions/v1beta1 DaemonSet, Deployment,
  // ReplicaSet, NetworkPolicy and PodSecurityPolicy are no longer served; deprecation guide "v1.22": Ingress neither.
  { group: 'extensions', resource: 'daemonsets', kind: 'DaemonSet', singular: 'daemonset', namespaced: true, subresources: ['status'], removedIn: 16, movedTo: 'apps' },
  { group: 'extensions', resource: 'deployments', kind: 'Deployment', singular: 'deployment', namespaced: true, subresources: ['rollback', 'scale', 'status'], removedIn: 16, movedTo: 'apps' },
  { group: 'extensions', resource: 'replicasets', kind: 'ReplicaSet', singular: 'replicaset', namespaced: true, subresources: ['scale', 'status'], removedIn: 16, movedTo: 'apps' },
  { group: 'extensions', resource: 'networkpolicies', kind: 'NetworkPolicy', singular: 'networkpolicy', namespaced: true, subresources: [], removedIn: 16, movedTo: 'networking.k8s.io' },
  { group: 'extensions', resource: 'podsecuritypolicies', kind: 'PodSecurityPolicy', singular: 'podsecuritypolicy', namespaced: false, subresources: [], removedIn: 16 },
  { group: 'extensions', resource: 'ingresses', kind: 'Ingress', singular: 'ingress', namespaced: true, subresources: ['status'], removedIn: 22, movedTo: 'networking.k8s.io' },
  // kubernetes PR #94090 (PodPreset removal, 1.20).
  { group: 'settings.k8s.io', resource: 'podpresets', kind: 'PodPreset', singular: 'podpreset', namespaced: true, subresources: [], removedIn: 20 },
  // kubernetes PR #91502 (dynamic audit removal, 1.19).
  { group: 'auditregistration.k8s.io', resource: 'auditsinks', kind: 'AuditSink', singular: 'auditsink', namespaced: false, subresources: [], removedIn: 19 },
  // Kubernetes deprecation guide, "v1.25": policy/v1beta1 PodSecurityPolicy is no longer served (replaced by Pod Security Admission).
  { group: 'policy', resource: 'podsecuritypolicies', kind: 'PodSecurityPolicy', singular: 'podsecuritypolicy', namespaced: false, subresources: [], removedIn: 25 },
];

/** Subresources served by current releases that the discovery documents we read do not list. */
export const EXTRA_SUBRESOURCES: readonly { readonly group: string; readonly resource: string; readonly subresource: string; readonly kind: string }[] = [
  // KEP-1287 in-place pod resize: resources are changed through pods/resize (beta and on by default from 1.33).
  { group: '', resource: 'pods', subresource: 'resize', kind: 'Pod' },
];

/**
 * Groups that are not built into kube-apiserver but are defined by Kubernetes projects and found in
 * most clusters (aggregated APIs or CRDs). A policy naming them is not a mistake.
 */
export const EXTENSION_GROUPS: readonly { readonly group: string; readonly provider: string }[] = [
  // kubernetes/metrics: resource metrics API, served by metrics-server through an APIService.
  { group: 'metrics.k8s.io', provider: 'the resource metrics API (metrics-server, aggregated)' },
  // kubernetes/metrics: custom and external metrics APIs, served by adapters through an APIService.
  { group: 'custom.metrics.k8s.io', provider: 'the custom metrics API (an adapter, aggregated)' },
  { group: 'external.metrics.k8s.io', provider: 'the external metrics API (an adapter, aggregated)' },
  // kubernetes-csi/external-snapshotter: VolumeSnapshot CRDs.
  { group: 'snapshot.storage.k8s.io', provider: 'CSI volume snapshots (CRDs)' },
  // kubernetes-sigs/gateway-api: Gateway API CRDs.
  { group: 'gateway.networking.k8s.io', provider: 'the Gateway API (CRDs)' },
];

export interface Identity {
  readonly name: string;
  readonly description: string;
}

// k8s.io/apiserver/pkg/authentication/user/user.go ("well-known user and group names").
export const WELL_KNOWN_USERS: readonly Identity[] = [
  { name: 'system:anonymous', description: 'requests without credentials, when anonymous auth is enabled' },
  { name: 'system:apiserver', description: 'kube-apiserver itself (loopback client)' },
  { name: 'system:kube-proxy', description: 'kube-proxy' },
  { name: 'system:kube-controller-manager', description: 'kube-controller-manager' },
  { name: 'system:kube-scheduler', description: 'kube-scheduler' },
  { name: 'system:cloud-controller-manager', description: 'cloud-controller-manager' },
];

export const WELL_KNOWN_GROUPS: readonly Identity[] = [
  // user.go
  { name: 'system:authenticated', description: 'every authenticated user' },
  { name: 'system:unauthenticated', description: 'every request without valid credentials' },
  { name: 'system:masters', description: 'unrestricted superusers (bypass authorization)' },
  { name: 'system:nodes', description: 'kubelets (users system:node:<node name>)' },
  // k8s.io/apiserver/pkg/authentication/serviceaccount/util.go (AllServiceAccountsGroup).
  { name: 'system:serviceaccounts', description: 'every service account' },
  // k8s.io/cluster-bootstrap/token/api/types.go (BootstrapDefaultGroup).
  { name: 'system:bootstrappers', description: 'bootstrap tokens used to join nodes' },
];

/** Name patterns whose tail is chosen by the cluster (for completion and hover). */
export const IDENTITY_PATTERNS: readonly Identity[] = [
  // serviceaccount/util.go: ServiceAccountUsernamePrefix and ServiceAccountGroupPrefix.
  { name: 'system:serviceaccount:<namespace>:<name>', description: 'user of a service account' },
  { name: 'system:serviceaccounts:<namespace>', description: 'group of every service account in a namespace' },
  // Node authorizer (plugin/pkg/auth/authorizer/node): kubelet identities.
  { name: 'system:node:<node name>', description: 'user of a kubelet' },
  // cluster-bootstrap/token/api/types.go: BootstrapUserPrefix.
  { name: 'system:bootstrap:<token id>', description: 'user of a bootstrap token' },
];

export interface ObsoleteIdentity extends Identity {
  /** First release in which no request can carry this identity. */
  readonly goneIn: number;
}

export const OBSOLETE_USERS: readonly ObsoleteIdentity[] = [
  // The insecure port (--insecure-port) gave every request the user system:unsecured; kube-apiserver 1.20
  // refuses any value but 0 (kubernetes PR #95856; kubeadm PR #102121: "insecure serving ... disabled in 1.20").
  { name: 'system:unsecured', description: 'requests on the insecure port (--insecure-port), disabled in 1.20', goneIn: 20 },
];
