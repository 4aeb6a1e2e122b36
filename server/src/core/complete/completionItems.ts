// What to offer at a completion site: keys from the schema, and values from the schema (levels,
// stages), kube-apiserver's verbs, the API catalog of the target release (groups, the resources of
// the entry's group, subresources after "pods/") and the well-known users and groups.
import {
  IDENTITY_PATTERNS,
  WELL_KNOWN_GROUPS,
  WELL_KNOWN_USERS,
  groupStatus,
  groupsFor,
  resourceInfo,
  resourcesOf,
  type Identity,
} from '../catalog/apiCatalog.ts';
import { enumDescription, schemaKeys } from '../describe/schemaDocs.ts';
import { groupName } from '../describe/phrases.ts';
import { KNOWN_REQUEST_VERBS, verbDescription } from '../describe/verbDescription.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { LEVELS, STAGES } from '../model.ts';
import type { CompletionSite } from './completionSite.ts';

export interface Completion {
  readonly label: string;
  /** Text replacing the word being typed. */
  readonly insert: string;
  readonly kind: 'key' | 'value' | 'pattern';
  readonly detail?: string;
  readonly documentation?: string;
}

const NAMESPACES: readonly [string, string][] = [
  ['', 'cluster-scoped resources and cluster-wide requests (no namespace)'],
  ['kube-system', 'control-plane and add-on objects'],
  ['kube-public', 'readable by everyone (cluster-info)'],
  ['kube-node-lease', 'node heartbeats (leases), very frequent'],
  ['default', 'the default namespace'],
];

const NON_RESOURCE_URLS: readonly [string, string][] = [
  ['/healthz*', 'health checks (deprecated in favour of /livez and /readyz)'],
  ['/livez*', 'liveness checks'],
  ['/readyz*', 'readiness checks'],
  ['/version', 'the server version'],
  ['/metrics', 'Prometheus metrics'],
  ['/openapi/*', 'OpenAPI documents'],
  ['/api*', 'discovery (also matches /apis…)'],
  ['*', 'every non-resource URL'],
];

/** `typed` is the text of `site.word`: the partial value ("pods/" asks for subresources). */
export function completions(site: CompletionSite, typed: string, v: KubernetesVersion): Completion[] {
  if (site.kind === 'key') {
    const excluded = site.context === 'rule' ? excludedRuleKeys(site.present) : [];
    return schemaKeys(site.context)
      .filter((k) => !site.present.includes(k.key) && !excluded.includes(k.key))
      .map((k) => ({ label: k.key, insert: `${k.key}: `, kind: 'key', documentation: k.description }));
  }
  const value = (label: string, documentation?: string, detail?: string): Completion => ({
    label: label === '' ? '""' : label,
    insert: site.quoted ? label : yamlScalar(label),
    kind: 'value',
    ...(detail === undefined ? {} : { detail }),
    ...(documentation === undefined ? {} : { documentation }),
  });
  switch (site.key) {
    case 'level':
      return site.context === 'rule' ? LEVELS.map((l) => value(l, enumDescription('Level', l))) : [];
    case 'omitStages':
      return STAGES.map((s) => value(s, enumDescription('Stage', s)));
    case 'verbs':
      return KNOWN_REQUEST_VERBS.map((verb) => value(verb, verbDescription(verb)));
    case 'users':
      return identities(WELL_KNOWN_USERS, false, value);
    case 'userGroups':
      return identities(WELL_KNOWN_GROUPS, true, value);
    case 'namespaces':
      return NAMESPACES.map(([ns, doc]) => value(ns, doc));
    case 'nonResourceURLs':
      return NON_RESOURCE_URLS.map(([url, doc]) => value(url, doc));
    case 'group':
      return groupsFor(v).map((g) => {
        const status = groupStatus(g, v);
        return value(g, undefined, `${groupName(g)}${status?.kind === 'builtin' && status.versions.length > 0 ? ` (${status.versions.join(', ')})` : ''}`);
      });
    case 'resources':
      return resourceCompletions(site.siblings['group'] ?? '', typed, v).map(([name, detail]) => value(name, undefined, detail));
    case 'apiVersion':
      return site.context === 'policy' ? [value('audit.k8s.io/v1', 'The only version kube-apiserver 1.24 and later accept.')] : [];
    case 'kind':
      return site.context === 'policy' ? [value('Policy')] : [];
    case 'omitManagedFields':
      return [value('true'), value('false')];
    default:
      return [];
  }
}

/** What a rule matches: resource requests (`resources`, `namespaces`) or non-resource URLs, never both. */
const RESOURCE_KEYS = ['resources', 'namespaces'];
const NON_RESOURCE_KEYS = ['nonResourceURLs'];

/**
 * Keys a rule cannot take given those it has: kube-apiserver refuses `nonResourceURLs` together with
 * `resources` or `namespaces` (mixed-resource-and-non-resource), so each side hides the other.
 */
function excludedRuleKeys(present: readonly string[]): readonly string[] {
  if (present.some((k) => RESOURCE_KEYS.includes(k))) return NON_RESOURCE_KEYS;
  if (present.some((k) => NON_RESOURCE_KEYS.includes(k))) return RESOURCE_KEYS;
  return [];
}

/** Completions for the `resources` of an entry in `group`: its resources, or after "res/" its subresources. */
function resourceCompletions(group: string, typed: string, v: KubernetesVersion): [string, string][] {
  const slash = typed.indexOf('/');
  if (slash >= 0) {
    const resource = typed.slice(0, slash);
    const info = resourceInfo(group, resource);
    const subs = (info?.subresources ?? []).map((s): [string, string] => [`${resource}/${s}`, `subresource of ${resource}`]);
    return [...subs, [`${resource}/*`, `${resource} and all its subresources`]];
  }
  return [
    ...resourcesOf(group, v).map((r): [string, string] => [r.name, `${r.kind}, ${r.scope === 'Namespaced' ? 'namespaced' : 'cluster-scoped'}`]),
    ['*', `every resource of ${groupName(group)}`],
  ];
}

/** Group name patterns are the plural `system:serviceaccounts:<namespace>`; the others name users. */
const isGroupPattern = (p: Identity): boolean => p.name.startsWith('system:serviceaccounts:');

export function identities(known: readonly Identity[], groups: boolean, value: (label: string, documentation?: string) => Completion): Completion[] {
  const patterns = IDENTITY_PATTERNS.filter((p) => isGroupPattern(p) === groups);
  return [
    ...known.map((i) => value(i.name, i.description)),
    ...patterns.map((p): Completion => ({ label: p.name, insert: p.name.slice(0, p.name.indexOf('<')), kind: 'pattern', documentation: p.description })),
  ];
}

/** A plain scalar when YAML reads it back unchanged (not `*`, an alias, or ""), else double-quoted. */
export const yamlScalar = (value: string): string => (value === '' || /^[*&!|>%@`'"#,[\]{}?:-]|: | #/.test(value) ? JSON.stringify(value) : value);
