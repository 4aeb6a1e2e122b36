// Builds policies for the analysis tests directly as the loader's model (no YAML), so random and
// hand-written cases stay small. Spans are empty: these tests look at verdicts, not locations.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import type { GroupResources, Level, Policy, PolicyRule, Stage } from '../../server/src/core/model.ts';
import { ruleIndex } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { requestInfo, toRequestAttributes } from '../../server/src/core/request/requestInfo.ts';

export interface RuleSpec {
  readonly level?: Level | null;
  readonly users?: readonly string[];
  readonly userGroups?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resources?: readonly { readonly group?: string; readonly resources?: readonly string[]; readonly resourceNames?: readonly string[] }[];
  readonly namespaces?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly omitStages?: readonly Stage[];
  readonly omitManagedFields?: boolean;
}

const none = { start: 0, end: 0 };

export function makeRule(spec: RuleSpec, index: number): PolicyRule {
  const resources: GroupResources[] = (spec.resources ?? []).map((gr) => ({
    group: gr.group ?? '',
    resources: gr.resources ?? [],
    resourceNames: gr.resourceNames ?? [],
    source: { span: none, resources: [], resourceNames: [] },
  }));
  return {
    index: ruleIndex(index),
    level: spec.level === undefined ? 'Metadata' : spec.level,
    users: spec.users ?? [],
    userGroups: spec.userGroups ?? [],
    verbs: spec.verbs ?? [],
    resources,
    namespaces: spec.namespaces ?? [],
    nonResourceURLs: spec.nonResourceURLs ?? [],
    omitStages: spec.omitStages ?? [],
    omitManagedFields: spec.omitManagedFields,
    source: { span: none, keys: {}, values: {}, items: {} },
  };
}

export function makePolicy(rules: readonly RuleSpec[], top: { omitStages?: readonly Stage[]; omitManagedFields?: boolean } = {}): Policy {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: rules.map(makeRule),
    omitStages: top.omitStages ?? [],
    omitManagedFields: top.omitManagedFields ?? false,
    source: { span: none, omitStagesItems: [] },
  };
}

const METHODS: Readonly<Record<string, string>> = { get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' };

/**
 * Why a witness Event is not what kube-apiserver would log for its own requestURI, or undefined
 * when it is: the URI, parsed by the core's requestInfo (requestinfo.go) with the HTTP method of
 * the verb, gives exactly the attributes eventToAttributes reads from objectRef and verb. A verb
 * no HTTP method produces ("impersonate" forced by a rule) has no consistent URI at all; such
 * witnesses are reported as such ("has no HTTP method").
 */
export function uriDisagreement(event: unknown): string | undefined {
  const read = eventToAttributes(JSON.parse(JSON.stringify(event)));
  if (!read.ok) return read.error;
  const a = read.attributes;
  const method = a.isResourceRequest ? METHODS[a.verb] : a.verb.toUpperCase();
  if (method === undefined) return `verb ${JSON.stringify(a.verb)} has no HTTP method`;
  const parsed = requestInfo(method, String((event as { requestURI?: string }).requestURI));
  if (!parsed.ok) return parsed.error;
  const fromURI = toRequestAttributes(parsed.info, a.user);
  return isDeepStrictEqual(fromURI, a) ? undefined : `${JSON.stringify(fromURI)} from the URI, ${JSON.stringify(a)} from the Event`;
}

const AUTH = 'system:authenticated';
const UNAUTH = 'system:unauthenticated';
const ANON = 'system:anonymous';

/**
 * Every concrete request worth trying for a policy made by policyArb (analysisProperty.test.ts says
 * why it is enough; the diff's property test enumerates two such policies' rules together);
 * `extraVerbs` adds members of the "other verb" class that an HTTP method produces.
 */
export function candidateRequests(policy: Policy, extraVerbs: readonly string[] = []): RequestAttributes[] {
  const rules = policy.rules;
  const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];
  const groupNames = uniq([...rules.flatMap((r) => r.userGroups), AUTH, UNAUTH]);
  const subsets = groupNames.reduce<string[][]>((acc, g) => acc.flatMap((s) => [s, [...s, g]]), [[]]);
  const users = [
    null,
    ...subsets.filter((s) => s.includes(UNAUTH)).map((groups) => ({ name: ANON, groups })),
    ...uniq([...rules.flatMap((r) => r.users), 'fresh-user'])
      .filter((n) => n !== ANON)
      .flatMap((name) => subsets.filter((s) => s.includes(AUTH)).map((groups) => ({ name, groups }))),
  ];
  const verbs = uniq([...rules.flatMap((r) => r.verbs), 'fresh-verb', ...extraVerbs]);
  const specs = rules.flatMap((r) => r.nonResourceURLs);
  const stems = specs.map((s) => s.replace(/\*+$/, ''));
  const paths = uniq([...specs, ...stems, ...stems.map((p) => `${p}q`), ...stems.map((p) => `${p}/q`), '/', '/q']).filter((p) => p.startsWith('/') && !p.includes('?'));
  const patterns = rules.flatMap((r) => r.resources.flatMap((gr) => gr.resources));
  const segments = uniq(patterns.flatMap((p) => p.split('/')).filter((s) => s !== ''));
  const namespaces = uniq([...rules.flatMap((r) => r.namespaces), '', 'fresh-ns']).filter((n) => !n.includes('/'));
  const apiGroups = uniq([...rules.flatMap((r) => r.resources.map((gr) => gr.group)), '', 'fresh.group']);
  const resources = uniq([...segments, 'fresh-res']);
  const subresources = uniq(['', ...segments, 'fresh-sub']);
  const names = uniq([...rules.flatMap((r) => r.resources.flatMap((gr) => gr.resourceNames)), '', 'fresh-name']).filter((n) => !n.includes('/'));
  const out: RequestAttributes[] = [];
  const empty = { namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '' };
  for (const user of users) {
    for (const verb of verbs) {
      for (const path of paths) out.push({ user, verb, isResourceRequest: false, ...empty, path });
      for (const namespace of namespaces)
        for (const apiGroup of apiGroups)
          for (const resource of resources)
            for (const subresource of subresources)
              for (const name of names) out.push({ user, verb, isResourceRequest: true, namespace, apiGroup, apiVersion: 'v1', resource, subresource, name, path: '/x' });
    }
  }
  return out;
}

const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1, maxLength: Math.min(3, xs.length) });
const maybe = <T>(arb: fc.Arbitrary<T[]>) => fc.oneof({ weight: 2, arbitrary: fc.constant([] as T[]) }, { weight: 1, arbitrary: arb });

const entry = fc.record({
  group: fc.constantFrom('', 'apps', '*'),
  resources: maybe(sub(['pods', 'pods/log', 'pods/*', '*/log', '*', 'a/b/c', '*/*'])),
  resourceNames: maybe(sub(['n1', '', 'x/y'])),
});

export const ruleSpec: fc.Arbitrary<RuleSpec> = fc.record({
  level: fc.constantFrom('None', 'Metadata', 'Metadata', 'Request', null),
  users: maybe(sub(['alice', ANON, ''])),
  userGroups: maybe(sub(['g1', AUTH, UNAUTH])),
  verbs: maybe(sub(['get', 'list'])),
  namespaces: maybe(sub(['', 'ns1', 'a/b'])),
  resources: maybe(fc.array(entry, { minLength: 1, maxLength: 2 })),
  nonResourceURLs: maybe(sub(['*', '/a', '/a*', '/ab', '/b*', 'a', '/a?x', '**', '/'])),
  omitStages: maybe(sub(['RequestReceived', 'Panic'] as const)),
  omitManagedFields: fc.constantFrom(undefined, true, false),
});

/** Random small policies whose strings candidateRequests covers (see analysisProperty.test.ts). */
export const policyArb = fc.record({
  rules: fc.array(ruleSpec, { minLength: 1, maxLength: 5 }),
  minor: fc.constantFrom(35, 36),
});
