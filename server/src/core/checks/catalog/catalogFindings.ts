// Reads every `resources:` entry of every rule against the built-in API catalog for the target
// release. kube-apiserver compares group and resource strings exactly (checker.go,
// ruleMatchesResource), so a name the API does not serve in that group silently matches nothing.
// One pass yields the findings of all catalog codes; each code's check picks its own.
import {
  groupsFor,
  groupsServing,
  groupStatus,
  resourceInfo,
  resourcesNamed,
  resourcesOf,
  subresourceForKindPlural,
} from '../../catalog/apiCatalog.ts';
import type { Code } from '../../codes.ts';
import { finding, type Finding } from '../../findings.ts';
import { formatKubernetesVersion, type KubernetesVersion } from '../../kubernetesVersion.ts';
import { quote } from '../../quote.ts';
import type { GroupResources, PolicyRule } from '../../model.ts';
import type { Span } from '../../span.ts';
import { memoKey, type CheckContext } from '../check.ts';
import { nearest } from '../../fixes/nearest.ts';

const CATALOG_FINDINGS = memoKey<readonly Finding[]>('catalogFindings');

/** The catalog findings of one code. */
export function catalogFindings(ctx: CheckContext, code: Code): Finding[] {
  return ctx.memo(CATALOG_FINDINGS, () => allCatalogFindings(ctx)).filter((f) => f.code === code);
}

const groupLabel = (g: string): string => (g === '' ? 'the core group ("")' : `"${g}"`);
const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const groupName = (g: string): string => (g === '' ? '""' : `"${g}"`);

/** A group name as kube-apiserver validates it; anything else is invalid-group's business. */
const looksLikeGroup = (g: string): boolean => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(g);

/**
 * The analysis compares names as plain strings, so it can still give a request for such an entry as
 * an example (it notes that the request cannot happen); the detail says so, to tell one story.
 */
const analysisNote = (release: string): string => `Rule hovers and \`analyze\` compare names as strings and may show such a request as an example; none reaches kube-apiserver ${release}.`;

export interface CatalogText {
  readonly code: Code;
  readonly message: string;
  readonly detail: string;
}

function allCatalogFindings(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of ctx.policy.rules) {
    for (const entry of rule.resources) out.push(...entryFindings(rule, entry, ctx.kubernetesVersion));
  }
  return out;
}

function entryFindings(rule: PolicyRule, entry: GroupResources, v: KubernetesVersion): Finding[] {
  const groupSpan = entry.source.group ?? entry.source.span;
  const at = (t: CatalogText, span: Span): Finding => finding(t.code, t.message, span, rule.index, { detail: t.detail });
  const group = groupText(entry.group, entry.resources, v);
  if (group !== null) return group === undefined ? [] : [at(group, groupSpan)];
  const out: Finding[] = [];
  entry.resources.forEach((res, i) => {
    const text = itemText(entry.group, res, v);
    if (text) out.push(at(text, entry.source.resources[i] ?? entry.source.span));
  });
  return out;
}

/**
 * Why the built-in API of the release serves no request for this group and resource (`pods`,
 * `pods/log`), as a catalog finding would say; undefined when it may (an unknown group may be a CRD).
 */
export function unservedResource(group: string, resource: string, v: KubernetesVersion): CatalogText | undefined {
  const text = groupText(group, [resource], v);
  if (text === null) return itemText(group, resource, v);
  return text?.code === 'unknown-group' ? undefined : text;
}

/** What is wrong with the entry's group; undefined: nothing to check; null: a built-in group, check its resources. */
function groupText(g: string, resources: readonly string[], v: KubernetesVersion): CatalogText | undefined | null {
  const release = formatKubernetesVersion(v);
  if (g.toLowerCase() === 'core' || g === 'v1') {
    return {
      code: 'core-group-name',
      message: `The core group is written "", not ${quote(g)}: as written, this entry matches no request.`,
      detail: `The core API group (pods, secrets, configmaps…) is the empty string, or leave the group key out. ${quote(g)} is a valid group name, so kube-apiserver accepts the file, but it compares the group exactly. ${analysisNote(release)}`,
    };
  }
  if (g === '*' || (g !== '' && !looksLikeGroup(g))) return undefined;
  const status = groupStatus(g, v);
  if (status === undefined) return unknownGroupText(g, resources, v);
  if (status.kind === 'extension') return undefined;
  if (status.kind === 'removed') {
    return {
      code: 'removed-api',
      message: `Kubernetes ${release} no longer serves the API group ${quote(g)} (removed in 1.${status.removedIn}): this entry matches no request.`,
      detail: `${capitalized(status.note)}. ${analysisNote(release)}`,
    };
  }
  return null;
}

function unknownGroupText(g: string, resources: readonly string[], v: KubernetesVersion): CatalogText {
  const notes: string[] = ['This entry matches requests only once a CRD or an aggregated API serves the group.'];
  const near = nearest(g, groupsFor(v));
  if (near !== undefined && near !== g) notes.push(`Did you mean "${near}"?`);
  for (const base of new Set(resources.map((res) => res.split('/', 1)[0] as string))) {
    const elsewhere = groupsServing(base, v);
    if (elsewhere.length > 0) notes.push(`"${base}" is a built-in resource of ${elsewhere.map(groupLabel).join(', ')}; requests for it do not match this entry.`);
  }
  return { code: 'unknown-group', message: `${quote(g)} is not an API group built into Kubernetes (a CRD or an aggregated API?).`, detail: notes.join(' ') };
}

function itemText(g: string, res: string, v: KubernetesVersion): CatalogText | undefined {
  if (res === '*') return undefined;
  const slash = res.indexOf('/');
  const base = slash < 0 ? res : res.slice(0, slash);
  const sub = slash < 0 ? undefined : res.slice(slash + 1);
  const release = formatKubernetesVersion(v);
  const note = analysisNote(release);

  if (base === '*') {
    if (sub === undefined || resourcesOf(g, v).some((r) => r.subresources.includes(sub))) return undefined;
    return {
      code: 'unknown-subresource',
      message: `No resource of ${groupLabel(g)} has a subresource ${quote(sub)} on Kubernetes ${release}: ${quote(res)} matches no request.`,
      detail: note,
    };
  }

  const info = resourceInfo(g, base);
  if (info && (info.removedIn === undefined || v.minor < info.removedIn)) {
    if (sub === undefined || sub === '*' || info.subresources.includes(sub)) return undefined;
    const known = info.subresources.length > 0 ? `Its subresources are ${info.subresources.map((s) => `"${s}"`).join(', ')}.` : 'It has no subresources.';
    return { code: 'unknown-subresource', message: `${quote(base)} has no subresource ${quote(sub)}, so ${quote(res)} matches no request.`, detail: `${known} ${note}` };
  }
  if (info?.removedIn !== undefined) {
    const moved = info.movedTo === undefined ? '' : `The same objects are served by ${groupLabel(info.movedTo)}: list "${base}" there. `;
    return {
      code: 'removed-api',
      message: `${capitalized(groupLabel(g))} no longer serves ${quote(base)} (removed in 1.${info.removedIn}): it matches no request on Kubernetes ${release}.`,
      detail: `${moved}${note}`,
    };
  }

  const named = resourcesNamed(base, v, g);
  const sameGroup = named.find((r) => r.group === g);
  if (sameGroup) return kindText(base, res, sameGroup.name, sameGroup.group, sub, note);

  const elsewhere = groupsServing(base, v);
  if (elsewhere.length > 0) {
    return {
      code: 'resource-in-wrong-group',
      message: `${capitalized(groupLabel(g))} has no resource ${quote(base)} (it is in ${elsewhere.map(groupLabel).join(' and ')}): this entry never matches it.`,
      detail: `kube-apiserver compares the request's group with the entry's exactly: move "${base}" to an entry with group: ${groupName(elsewhere[0] as string)}. ${note}`,
    };
  }
  const otherGroup = named[0];
  if (otherGroup) return kindText(base, res, otherGroup.name, otherGroup.group, sub, note);

  const viaSubresource = subresourceForKindPlural(base)[0];
  if (viaSubresource) {
    const through = `${viaSubresource.resource}/${viaSubresource.subresource}`;
    return {
      code: 'unknown-resource',
      message: `${capitalized(groupLabel(g))} has no resource ${quote(base)}: ${viaSubresource.kind}s are created through ${quote(through)}.`,
      detail: `So this entry matches no request. List "${through}" in an entry with group: ${groupName(viaSubresource.group)}. ${note}`,
    };
  }
  const suggestion = nearest(base, resourcesOf(g, v).map((r) => r.name));
  return {
    code: 'unknown-resource',
    message: `${capitalized(groupLabel(g))} has no resource ${quote(base)}, so this entry matches no request${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
    detail: `Checked against the built-in API of Kubernetes ${release}. ${note}`,
  };
}

function kindText(typed: string, res: string, plural: string, group: string, sub: string | undefined, note: string): CatalogText {
  const written = sub === undefined ? plural : `${plural}/${sub}`;
  const what = typed.toLowerCase() === plural ? 'Resource names are lowercase' : `${quote(typed)} is a kind or singular name`;
  return {
    code: 'kind-instead-of-resource',
    message: `${what}: audit rules match the plural resource name, ${quote(written)} in ${groupLabel(group)}.`,
    detail: `Requests carry the resource as the URL spells it, and the comparison is exact: as written, ${quote(res)} matches no request. ${note}`,
  };
}
