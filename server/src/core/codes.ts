// Every finding code, its default severity and a one-line summary. Stable: codes are part of the CLI
// contract and of users' severity settings. `error` is reserved for what makes kube-apiserver refuse
// the file for the target version. Each code has its page, docs/codes/CODE.md (test/unit/codeDocs.test.ts).

/** How serious a finding is; each code has a default one, which the user can override. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  readonly severity: Severity;
  readonly summary: string;
}

export const CODES = {
  // Loading (pkg/audit/policy/reader.go) and ValidatePolicy (pkg/apis/audit/validation).
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'invalid-type': { severity: 'error', summary: 'A field has the wrong type; the decoder rejects the file.' },
  'missing-api-version': { severity: 'error', summary: 'apiVersion is missing; the decoder cannot tell what the file is.' },
  'missing-kind': { severity: 'warning', summary: 'kind is missing; kube-apiserver assumes Policy, other tools may not.' },
  'wrong-kind': { severity: 'error', summary: 'kind is not Policy.' },
  'unsupported-api-version': { severity: 'error', summary: 'The apiVersion is not served by the target kube-apiserver.' },
  'deprecated-api-version': { severity: 'warning', summary: 'The apiVersion still loads on the target version but is deprecated.' },
  'unknown-field': { severity: 'warning', summary: 'kube-apiserver silently drops unknown fields, which widens the rule.' },
  'duplicate-key': { severity: 'warning', summary: 'A mapping has the same key twice; kube-apiserver keeps the last value.' },
  'invalid-level': { severity: 'error', summary: 'level is missing or not None, Metadata, Request or RequestResponse.' },
  'invalid-stage': { severity: 'error', summary: 'A stage is not RequestReceived, ResponseStarted, ResponseComplete or Panic.' },
  'invalid-non-resource-url': { severity: 'error', summary: 'A nonResourceURL must start with "/" or be "*", with "*" only at the end.' },
  'mixed-resource-and-non-resource': { severity: 'error', summary: 'A rule cannot match both resources and nonResourceURLs.' },
  'resource-names-without-resources': { severity: 'error', summary: 'resourceNames requires resources in the same entry.' },
  'invalid-group': { severity: 'error', summary: 'An API group must be a DNS subdomain ("" for core).' },
  'no-rules': { severity: 'error', summary: 'A policy must have at least one rule.' },
  'multiple-documents': { severity: 'warning', summary: 'kube-apiserver reads only the first document of a policy file.' },
  // Beyond what the server checks: the built-in API catalog and audit practice.
  'resource-in-wrong-group': { severity: 'warning', summary: 'The resource exists, but in another API group; this entry matches nothing.' },
  'unknown-resource': { severity: 'warning', summary: 'No such resource in this API group.' },
  'unknown-subresource': { severity: 'warning', summary: 'No such subresource for this resource.' },
  'unknown-group': { severity: 'information', summary: 'The API group is not built into Kubernetes (a CRD or aggregated API?).' },
  'kind-instead-of-resource': { severity: 'warning', summary: 'A kind or singular name is used where the plural resource name goes.' },
  'core-group-name': { severity: 'warning', summary: 'The core group is written "", not "core" or "v1".' },
  'removed-api': { severity: 'warning', summary: 'The API group or resource is no longer served by the target version.' },
  'obsolete-user': { severity: 'warning', summary: 'The identity no longer exists in the target version.' },
  'sensitive-resource-body': { severity: 'warning', summary: 'Bodies of this resource carry secrets into the audit log.' },
  'exec-not-audited': { severity: 'warning', summary: 'pods/exec, attach or portforward are not logged at Metadata or above.' },
  'exec-verbs-incomplete': { severity: 'warning', summary: 'Since kubectl 1.30 exec arrives as verb get (WebSocket); create alone misses it.' },
  'no-catch-all': { severity: 'information', summary: 'No final rule matches every request; the rest falls to level None.' },
  'logs-nothing': { severity: 'warning', summary: 'Every request ends at level None: the policy logs nothing.' },
  'redundant-omit-stage': { severity: 'information', summary: 'The stage is already omitted by the policy-level omitStages.' },
  'panic-omitted': { severity: 'information', summary: 'Omitting Panic hides requests that crashed the handler.' },
  // Reachability (analysis).
  'unsatisfiable-rule': { severity: 'warning', summary: 'No request can match this rule.' },
  'shadowed-rule': { severity: 'warning', summary: 'Earlier rules catch every request this rule matches, with a different effect.' },
  'redundant-rule': { severity: 'information', summary: 'Earlier rules with the same effect catch every request this rule matches.' },
  'catch-all-not-last': { severity: 'warning', summary: 'A rule that matches every request is not last; every later rule is dead.' },
  'partial-overlap': { severity: 'hint', summary: 'An earlier rule takes some of this rule\'s requests with a different effect.' },
  'analysis-incomplete': { severity: 'information', summary: 'The reachability analysis ran out of its time budget.' },
  // The CLI's inputs: a file it was given that is no policy.
  'not-a-policy': { severity: 'error', summary: 'The file is not an audit policy (an audit log, another Kubernetes object); it was not checked.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export const isCode = (s: string): s is Code => Object.prototype.hasOwnProperty.call(CODES, s);
