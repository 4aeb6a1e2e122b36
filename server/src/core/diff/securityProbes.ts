// The requests whose change of outcome a reviewer must not miss, each as a rule-shaped probe (so
// the analysis' own ruleRegion turns it into cubes, exactly) with the kind of change that makes it
// matter:
// - bodies of secrets, configmaps, tokenreviews and serviceaccounts/token (TokenRequest) newly
//   logged: the log then holds credentials;
// - exec, attach, portforward and proxy requests, writes to RBAC objects, and writes that let the
//   caller act as another identity newly dropped or logged at a lower level: the log then misses what an intruder does first.
//   kube-apiserver audits a request before impersonation and its policy sees the authenticated
//   user, so impersonation itself is no request a policy can match; what a policy can match is
//   the minting of credentials for another identity (TokenRequest, certificate signing requests).
import type { Effect } from '../evaluate/evaluate.ts';
import { ruleIndex, type GroupResources, type PolicyRule } from '../model.ts';
import { levelRank } from './outcome.ts';

export type SecurityKind = 'sensitive-bodies' | 'exec' | 'rbac-write' | 'impersonation';

export interface SecurityProbe {
  readonly kind: SecurityKind;
  /** The requests concerned, as a rule (never part of a policy). */
  readonly rule: PolicyRule;
  /** Whether this change of outcome matters for those requests. */
  readonly applies: (before: Effect, after: Effect) => boolean;
  /** "request or response bodies of secrets ... newly logged". */
  readonly message: string;
}

const NOWHERE = { start: 0, end: 0 };
const WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'];

function probeRule(verbs: readonly string[], resources: readonly (readonly [string, readonly string[]])[]): PolicyRule {
  const entries: GroupResources[] = resources.map(([group, names]) => ({ group, resources: names, resourceNames: [], source: { span: NOWHERE, resources: [], resourceNames: [] } }));
  return {
    index: ruleIndex(-1),
    level: 'Metadata',
    users: [],
    userGroups: [],
    verbs,
    resources: entries,
    namespaces: [],
    nonResourceURLs: [],
    omitStages: [],
    omitManagedFields: undefined,
    source: { span: NOWHERE, keys: {}, values: {}, items: {} },
  };
}

/** A body is logged from level Request (the request's) and RequestResponse (the response's too). */
const bodiesNewlyLogged = (before: Effect, after: Effect): boolean => levelRank(after.level) >= levelRank('Request') && levelRank(after.level) > levelRank(before.level);

/** Newly dropped or logged at a lower level. (Omitting a stage is not: most policies omit RequestReceived.) */
const loggedLess = (before: Effect, after: Effect): boolean => levelRank(after.level) < levelRank(before.level);

export const SECURITY_PROBES: readonly SecurityProbe[] = [
  {
    kind: 'sensitive-bodies',
    rule: probeRule([], [['', ['secrets', 'configmaps', 'serviceaccounts/token']], ['authentication.k8s.io', ['tokenreviews']]]),
    applies: bodiesNewlyLogged,
    message: 'request or response bodies of secrets, configmaps, tokenreviews or serviceaccounts/token are newly logged (the log would hold credentials)',
  },
  {
    kind: 'exec',
    rule: probeRule([], [['', ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy', 'nodes/proxy']]]),
    applies: loggedLess,
    message: 'exec, attach, portforward or proxy requests are dropped or logged at a lower level',
  },
  {
    kind: 'rbac-write',
    rule: probeRule(WRITES, [['rbac.authorization.k8s.io', []]]),
    applies: loggedLess,
    message: 'writes to RBAC objects (roles, bindings) are dropped or logged at a lower level',
  },
  {
    kind: 'impersonation',
    rule: probeRule(WRITES, [['', ['serviceaccounts/token']], ['certificates.k8s.io', ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status']]]),
    applies: loggedLess,
    message: 'requests that mint credentials to act as another identity (service account tokens, certificate signing requests) are dropped or logged at a lower level',
  },
];
