// The starter policies "New Audit Policy…" offers: well-known shapes, each in client/starters/ (shipped
// with the extension), commented rule by rule, and lint-clean (test/unit/starters.test.ts).
// Provenance and licences: NOTICE and docs/provenance.md.

export interface Starter {
  /** The file in client/starters/. */
  readonly file: string;
  readonly label: string;
  readonly detail: string;
}

export const STARTERS_FOLDER = ['client', 'starters'] as const;

export const STARTERS: readonly Starter[] = [
  {
    file: 'cis-benchmark.yaml',
    label: 'CIS Benchmark 3.2.2',
    detail: 'What CIS recommendation 3.2.2 reviews: Secret access at Metadata, Pod and Deployment changes, exec, port-forward and proxy; Metadata for the rest.',
  },
  {
    file: 'gke-balanced.yaml',
    label: 'GKE-style balanced',
    detail: "Google's GCE/GKE policy: drops system components' noise, credentials at Metadata, reads with the request, writes with request and response.",
  },
  {
    file: 'kubernetes-docs.yaml',
    label: 'Kubernetes documentation example',
    detail: 'The example of the "Auditing" page on kubernetes.io, brought up to date: short and easy to adapt.',
  },
  {
    file: 'alibaba-ack.yaml',
    label: 'Alibaba Cloud ACK default, on audit.k8s.io/v1',
    detail: "ACK's documented default policy, moved from v1beta1 (refused since Kubernetes 1.24) to v1 and cleaned of APIs that are gone.",
  },
];
