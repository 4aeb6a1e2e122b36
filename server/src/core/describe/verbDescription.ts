// What each verb means to kube-apiserver's audit policy checker. The checker compares the rule's
// verbs with RequestInfo.Verb (k8s.io/apiserver pkg/endpoints/request/requestinfo.go), which is
// derived from the HTTP method and the path, never from RBAC: RBAC-only verbs never match.

const RESOURCE_VERBS: Readonly<Record<string, string>> = {
  get: 'Reads one object (HTTP GET or HEAD on a named object or its subresource, e.g. `pods/log`). `kubectl exec` and `attach` (since kubectl 1.30) and `port-forward` (since 1.31, kubernetes#125528) open a WebSocket, an HTTP GET upgrade, so they arrive as `get` on `pods/exec`, `pods/attach` or `pods/portforward`. For non-resource URLs it is the lowercase HTTP method GET.',
  list: 'Reads a collection (HTTP GET on a collection without `watch`), e.g. `kubectl get pods`.',
  watch: 'Streams changes (HTTP GET with `?watch=true`, or the deprecated `/watch/` path prefix). A long-running request: it also has a ResponseStarted stage.',
  create: 'Creates an object (HTTP POST), including subresources such as `pods/eviction`, `serviceaccounts/token` and, before kubectl 1.30 (SPDY), `pods/exec`; also `tokenreviews` and `subjectaccessreviews`.',
  update: 'Replaces an object (HTTP PUT), including `/status` and `/scale` updates.',
  patch: 'Partially modifies an object (HTTP PATCH), including server-side apply.',
  delete: 'Deletes one object (HTTP DELETE on a named object).',
  deletecollection: 'Deletes a collection (HTTP DELETE on a collection).',
  proxy: 'A request through the deprecated `/proxy/` path prefix (e.g. `/api/v1/proxy/namespaces/…`).',
};

const NON_RESOURCE_METHODS: Readonly<Record<string, string>> = {
  post: 'HTTP POST to a non-resource URL (resource requests use `create`).',
  put: 'HTTP PUT to a non-resource URL (resource requests use `update`).',
  head: 'HTTP HEAD to a non-resource URL (resource requests use `get`).',
  options: 'HTTP OPTIONS to a non-resource URL.',
};

/** RBAC checks these with SubjectAccessReviews; no request carries them as its verb. */
const RBAC_ONLY_VERBS: ReadonlySet<string> = new Set(['impersonate', 'bind', 'escalate', 'approve', 'sign', 'use']);

export const KNOWN_REQUEST_VERBS: readonly string[] = Object.keys(RESOURCE_VERBS);

export function verbDescription(verb: string): string {
  const known = RESOURCE_VERBS[verb] ?? NON_RESOURCE_METHODS[verb];
  if (known) return known;
  if (verb === '*') return 'Not a wildcard: verbs are compared literally, so `*` matches no request. Leave `verbs` out to match every verb.';
  if (RBAC_ONLY_VERBS.has(verb)) {
    return `An RBAC-only verb: kube-apiserver checks \`${verb}\` in authorization, but no request has it as its verb, so it never matches here. The request itself is audited with its own verb (e.g. an impersonated \`get\`).`;
  }
  if (verb !== verb.toLowerCase()) return `Verbs are compared case-sensitively and requests carry lowercase verbs, so \`${verb}\` never matches; write \`${verb.toLowerCase()}\`.`;
  return 'Not a verb kube-apiserver assigns to requests (resource verbs come from the HTTP method and path, non-resource verbs are the lowercase HTTP method), so it matches nothing.';
}
