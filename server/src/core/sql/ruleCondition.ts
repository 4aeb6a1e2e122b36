// One policy rule as a SQL condition over the event columns: the checker's ruleMatches
// (evaluate/ruleMatches.ts) field by field. Patterns are expanded here, at compile time, into
// equality and IN tests, so the query does no pattern matching of its own.
import { GROUP_WILDCARD_SINCE_MINOR } from '../evaluate/ruleMatches.ts';
import { atLeast, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { GroupResources, PolicyRule } from '../model.ts';
import { EVENT } from './eventColumns.ts';
import { sqlString, sqlStringArray } from './sqlLiteral.ts';

const TRUE = 'true';
const FALSE = 'false';

const inList = (column: string, values: readonly string[]): string => (values.length === 0 ? FALSE : `${column} IN (${values.map(sqlString).join(', ')})`);
const all = (conditions: readonly string[]): string => {
  if (conditions.includes(FALSE)) return FALSE;
  const rest = conditions.filter((c) => c !== TRUE);
  return rest.length === 0 ? TRUE : rest.length === 1 ? rest[0]! : `least(${rest.join(', ')})`;
};
const any = (conditions: readonly string[]): string => {
  if (conditions.includes(TRUE)) return TRUE;
  const rest = [...new Set(conditions.filter((c) => c !== FALSE))];
  return rest.length === 0 ? FALSE : rest.length === 1 ? rest[0]! : `greatest(${rest.join(', ')})`;
};

/** SQL: whether the rule applies to the event; null when it never does (no valid level). */
export function ruleCondition(rule: PolicyRule, v: KubernetesVersion): string | null {
  if (rule.level === null) return null;
  const parts: string[] = [];
  if (rule.users.length > 0) parts.push(EVENT.hasUser, inList(EVENT.user, rule.users));
  if (rule.userGroups.length > 0) parts.push(EVENT.hasUser, `hasAny(${EVENT.groups}, ${sqlStringArray(rule.userGroups)})`);
  if (rule.verbs.length > 0) parts.push(inList(EVENT.verb, rule.verbs));
  // namespaces or resources make it a resource rule; nonResourceURLs are then never looked at.
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    parts.push(EVENT.isResource);
    if (rule.namespaces.length > 0) parts.push(inList(EVENT.namespace, rule.namespaces));
    if (rule.resources.length > 0) parts.push(any(rule.resources.map((gr) => groupResourcesCondition(gr, v))));
  } else if (rule.nonResourceURLs.length > 0) {
    parts.push(`NOT ${EVENT.isResource}`, any(rule.nonResourceURLs.map(pathCondition)));
  }
  return all(parts);
}

/** One `resources:` entry (groupResourcesMatch). */
function groupResourcesCondition(gr: GroupResources, v: KubernetesVersion): string {
  const group = gr.group === '*' && atLeast(v, GROUP_WILDCARD_SINCE_MINOR) ? TRUE : inList(EVENT.apiGroup, [gr.group]);
  if (gr.resources.length === 0) return group;
  // A request without a name has name "", so it passes resourceNames only if "" is listed.
  const names = gr.resourceNames.length > 0 ? inList(EVENT.name, gr.resourceNames) : TRUE;
  return all([group, names, resourcesCondition(gr.resources)]);
}

/**
 * resourceMatches for a list of specs: "*" matches all; a spec equals "resource" (no subresource)
 * or "resource/subresource"; "*\/sub" matches that subresource of any resource; "res/*" matches res
 * with any subresource or none. Every spec is tested every way it can match, as the core does.
 */
function resourcesCondition(specs: readonly string[]): string {
  if (specs.includes('*')) return TRUE;
  const whole = specs;
  const withSub = specs.filter((s) => s.includes('/'));
  const anyResourceSubs = specs.filter((s) => s.startsWith('*/') && s.length > 2).map((s) => s.slice(2));
  const anySubResources = specs.filter((s) => s.endsWith('/*')).map((s) => s.slice(0, -2));
  return any([
    all([`empty(${EVENT.subresource})`, inList(EVENT.resource, whole)]),
    withSub.length === 0 ? FALSE : all([`notEmpty(${EVENT.subresource})`, `concat(${EVENT.resource}, '/', ${EVENT.subresource}) IN (${withSub.map(sqlString).join(', ')})`]),
    anyResourceSubs.length === 0 ? FALSE : all([`notEmpty(${EVENT.subresource})`, inList(EVENT.subresource, anyResourceSubs)]),
    anySubResources.length === 0 ? FALSE : inList(EVENT.resource, anySubResources),
  ]);
}

/** pathMatches: "*", the exact path, or a prefix when the spec ends in "*" (every trailing "*" dropped). */
function pathCondition(spec: string): string {
  if (spec === '*') return TRUE;
  if (!spec.endsWith('*')) return inList(EVENT.path, [spec]);
  const prefix = spec.replace(/\*+$/, '');
  if (prefix === '') return TRUE;
  const last = prefix.charCodeAt(prefix.length - 1);
  const before = prefix.slice(0, -1);
  // A prefix ending in a lone high surrogate (a JavaScript string can hold one) matches, in the
  // core, the paths whose next character is one of the 1024 it starts: in UTF-8 their first two
  // bytes and a range of the third. Any other lone surrogate matches nothing, in both.
  if (last >= 0xd800 && last <= 0xdbff && !LONE_SURROGATE.test(before)) {
    const first = 0x10000 + ((last - 0xd800) << 10);
    const [b1, b2, b3] = [0xf0 | (first >> 18), 0x80 | ((first >> 12) & 0x3f), 0x80 | ((first >> 6) & 0x3f)];
    const at = new TextEncoder().encode(before).length + 3;
    const lead = `concat(${sqlString(before)}, unhex('${hex(b1)}${hex(b2)}'))`;
    return `(startsWith(${EVENT.path}, ${lead}) AND reinterpretAsUInt8(substring(${EVENT.path}, ${at}, 1)) BETWEEN ${b3} AND ${b3 + 15})`;
  }
  return `startsWith(${EVENT.path}, ${sqlString(prefix)})`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
