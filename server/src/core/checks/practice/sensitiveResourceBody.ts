// sensitive-resource-body: requests whose bodies carry credentials end up at Request or
// RequestResponse. At Request the request body is logged (create/update/patch of a Secret carries its
// data; a TokenReview carries the bearer token); at RequestResponse the response too (get/list/watch
// of Secrets returns every value; serviceaccounts/token returns a fresh token, while its request
// body holds none). Whether a rule really takes such a request is asked of the evaluator: a Metadata
// rule for secrets placed earlier silences the finding.
import { finding } from '../../findings.ts';
import type { Level, PolicyRule } from '../../model.ts';
import type { Span } from '../../span.ts';
import type { Check } from '../check.ts';
import { outcome, resourceRequest, userFor } from './probeRequest.ts';

export interface Sensitive {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespaced: boolean;
  /** Per body level: the verbs whose logged bodies leak, what leaks, and which bodies carry it. */
  readonly leaks: Partial<Record<Level, { readonly verbs: readonly string[]; readonly what: string; readonly bodies: string }>>;
}

const WRITES = ['create', 'update', 'patch'];
const READS_AND_WRITES = ['get', 'list', 'watch', ...WRITES];

export const SENSITIVE: readonly Sensitive[] = [
  {
    group: '',
    resource: 'secrets',
    namespaced: true,
    leaks: {
      Request: { verbs: WRITES, what: 'secret values', bodies: 'the bodies of create, update and patch requests' },
      RequestResponse: { verbs: READS_AND_WRITES, what: 'secret values', bodies: 'request and response bodies: every secret value written, or read by get, list and watch' },
    },
  },
  {
    group: '',
    resource: 'configmaps',
    namespaced: true,
    leaks: {
      Request: { verbs: WRITES, what: 'the credentials ConfigMaps hold', bodies: 'the bodies of create, update and patch requests' },
      RequestResponse: { verbs: READS_AND_WRITES, what: 'the credentials ConfigMaps hold', bodies: 'request and response bodies, of reads and writes' },
    },
  },
  {
    group: 'authentication.k8s.io',
    resource: 'tokenreviews',
    namespaced: false,
    leaks: {
      Request: { verbs: ['create'], what: 'bearer tokens', bodies: 'TokenReview request bodies, which hold the token under review' },
      RequestResponse: { verbs: ['create'], what: 'bearer tokens', bodies: 'TokenReview request and response bodies, which hold the token under review' },
    },
  },
  {
    group: '',
    resource: 'serviceaccounts',
    subresource: 'token',
    namespaced: true,
    leaks: {
      RequestResponse: { verbs: ['create'], what: 'newly issued tokens', bodies: 'TokenRequest responses, which hold the service account token just issued' },
    },
  },
];

const label = (s: Sensitive): string => (s.subresource === undefined ? s.resource : `${s.resource}/${s.subresource}`);

export const sensitiveResourceBody: Check = function* (ctx) {
  for (const rule of ctx.policy.rules) {
    if (rule.level !== 'Request' && rule.level !== 'RequestResponse') continue;
    for (const s of SENSITIVE) {
      const leak = s.leaks[rule.level];
      if (!leak || !takes(rule, s, leak.verbs, ctx)) continue;
      yield finding('sensitive-resource-body', `Rule ${rule.index} logs ${label(s)} at ${rule.level}, so ${leak.what} go into the audit log.`, spanFor(rule, s), rule.index, {
        detail: `At ${rule.level} kube-apiserver logs ${leak.bodies}. Add a rule with level Metadata for ${label(s)} before this one.`,
      });
    }
  }
};

/**
 * Whether some request for the sensitive resource, with a leaking verb, first-matches this rule.
 * Probes are shaped like real requests: only list and watch of a namespaced resource may span all
 * namespaces (namespace ""), and only list, watch and create of a collection come without a name.
 */
function takes(rule: PolicyRule, s: Sensitive, verbs: readonly string[], ctx: Parameters<Check>[0]): boolean {
  // Bounded: a few namespaces and names the rule itself mentions are enough to reach it.
  const namespaces = !s.namespaced ? [''] : rule.namespaces.length > 0 ? rule.namespaces.slice(0, 4) : ['default', ''];
  const named = ['example', ...rule.resources.flatMap((e) => e.resourceNames).slice(0, 4)];
  const user = userFor(rule);
  for (const verb of verbs) {
    const collection = verb === 'list' || verb === 'watch';
    const unnamed = collection || (verb === 'create' && s.subresource === undefined);
    for (const namespace of namespaces) {
      if (s.namespaced && namespace === '' && !collection) continue;
      for (const name of unnamed ? [''] : named) {
        const attrs = resourceRequest({ user, verb, group: s.group, resource: s.resource, namespace, name, ...(s.subresource ? { subresource: s.subresource } : {}) });
        if (outcome(ctx.policy, attrs, ctx.kubernetesVersion).rule === rule.index) return true;
      }
    }
  }
  return false;
}

/** The resources item naming it, else the entry covering its whole group, else the rule's level. */
function spanFor(rule: PolicyRule, s: Sensitive): Span {
  const entries = rule.resources.filter((e) => e.group === s.group);
  const names = s.subresource === undefined ? [s.resource, `${s.resource}/*`, '*'] : [label(s), `${s.resource}/*`, `*/${s.subresource}`, '*'];
  for (const e of entries) {
    const i = e.resources.findIndex((r) => names.includes(r));
    if (i >= 0) return e.source.resources[i] ?? e.source.span;
  }
  const whole = entries.find((e) => e.resources.length === 0);
  if (whole) return whole.source.span;
  return rule.source.values.level ?? rule.source.span;
}
