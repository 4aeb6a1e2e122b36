// Builds policies for the analysis tests directly as the loader's model (no YAML), so random and
// hand-written cases stay small. Spans are empty: these tests look at verdicts, not locations.
import { isDeepStrictEqual } from 'node:util';
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

