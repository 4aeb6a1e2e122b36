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

function allCatalogFindings(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of ctx.policy.rules) {
    for (const entry of rule.resources) out.push(...entryFindings(rule, entry, ctx.kubernetesVersion));
  }
  return out;
}

function entryFindings(rule: PolicyRule, entry: GroupResources, v: KubernetesVersion): Finding[] {
  const g = entry.group;
  const groupSpan = entry.source.group ?? entry.source.span;
  const at = (code: Code, message: string, span: Span): Finding => finding(code, message, span, rule.index);
  const release = formatKubernetesVersion(v);

  if (g.toLowerCase() === 'core' || g === 'v1') {
    return [
      at(
        'core-group-name',
        `The core API group (pods, secrets, configmaps…) is written "" (or the group key left out), not ${JSON.stringify(g)}. kube-apiserver compares the group exactly, so this entry matches no request.`,
        groupSpan,
      ),
    ];
  }
  if (g === '*' || (g !== '' && !looksLikeGroup(g))) return [];

  const status = groupStatus(g, v);
  if (status === undefined) return [at('unknown-group', unknownGroupMessage(entry, v), groupSpan)];
  if (status.kind === 'extension') return [];
  if (status.kind === 'removed') {
    return [
      at(
        'removed-api',
        `Kubernetes ${release} does not serve the API group "${g}": it was removed in 1.${status.removedIn} (${status.note}). This entry matches no request.`,
        groupSpan,
      ),
    ];
  }
  const out: Finding[] = [];
  entry.resources.forEach((res, i) => {
    const span = entry.source.resources[i] ?? entry.source.span;
    const message = itemMessage(g, res, v);
    if (message) out.push(at(message.code, message.text, span));
  });
  return out;
}

function unknownGroupMessage(entry: GroupResources, v: KubernetesVersion): string {
  const g = entry.group;
  let text = `"${g}" is not an API group built into Kubernetes: this entry only matches requests if a CRD or an aggregated API serves that group.`;
  const near = nearest(g, groupsFor(v));
  if (near !== undefined && near !== g) text += ` Did you mean "${near}"?`;
  for (const base of new Set(entry.resources.map((res) => res.split('/', 1)[0] as string))) {
    const elsewhere = groupsServing(base, v);
    if (elsewhere.length > 0) {
      text += ` "${base}" is a built-in resource of ${elsewhere.map(groupLabel).join(', ')}; requests for it do not match this entry.`;
    }
  }
  return text;
}

interface ItemMessage {
  readonly code: Code;
  readonly text: string;
}

function itemMessage(g: string, res: string, v: KubernetesVersion): ItemMessage | undefined {
  if (res === '*') return undefined;
  const slash = res.indexOf('/');
  const base = slash < 0 ? res : res.slice(0, slash);
  const sub = slash < 0 ? undefined : res.slice(slash + 1);
  const release = formatKubernetesVersion(v);

  if (base === '*') {
    if (sub === undefined || resourcesOf(g, v).some((r) => r.subresources.includes(sub))) return undefined;
    return {
      code: 'unknown-subresource',
      text: `No resource of ${groupLabel(g)} has a subresource "${sub}" on Kubernetes ${release}, so "${res}" matches no request.`,
    };
  }

  const info = resourceInfo(g, base);
  if (info && (info.removedIn === undefined || v.minor < info.removedIn)) {
    if (sub === undefined || sub === '*' || info.subresources.includes(sub)) return undefined;
    const known = info.subresources.length > 0 ? ` Its subresources are ${info.subresources.map((s) => `"${s}"`).join(', ')}.` : ' It has no subresources.';
    return {
      code: 'unknown-subresource',
      text: `"${base}" has no subresource "${sub}", so "${res}" matches no request.${known}`,
    };
  }
  if (info?.removedIn !== undefined) {
    const moved = info.movedTo === undefined ? '' : ` The same objects are served by ${groupLabel(info.movedTo)}; list "${base}" there.`;
    return {
      code: 'removed-api',
      text: `${capitalized(groupLabel(g))} no longer serves "${base}" (removed in 1.${info.removedIn}), so on Kubernetes ${release} this entry matches nothing.${moved}`,
    };
  }

  const named = resourcesNamed(base, v, g);
  const sameGroup = named.find((r) => r.group === g);
  if (sameGroup) return kindMessage(base, res, sameGroup.name, sameGroup.group, sub);

  const elsewhere = groupsServing(base, v);
  if (elsewhere.length > 0) {
    return {
      code: 'resource-in-wrong-group',
      text: `${capitalized(groupLabel(g))} has no resource "${base}"; kube-apiserver serves it in ${elsewhere.map(groupLabel).join(' and ')}. Groups are compared exactly, so this entry never matches ${base} requests: move it to an entry with group: ${groupName(elsewhere[0] as string)}.`,
    };
  }
  const otherGroup = named[0];
  if (otherGroup) return kindMessage(base, res, otherGroup.name, otherGroup.group, sub);

  const viaSubresource = subresourceForKindPlural(base)[0];
  if (viaSubresource) {
    return {
      code: 'unknown-resource',
      text: `${capitalized(groupLabel(g))} has no resource "${base}": ${viaSubresource.kind} objects are created through the subresource "${viaSubresource.resource}/${viaSubresource.subresource}" of ${groupLabel(viaSubresource.group)}, so this entry matches no request. List "${viaSubresource.resource}/${viaSubresource.subresource}" in an entry with group: ${groupName(viaSubresource.group)}.`,
    };
  }
  const suggestion = nearest(base, resourcesOf(g, v).map((r) => r.name));
  return {
    code: 'unknown-resource',
    text: `${capitalized(groupLabel(g))} has no resource "${base}" on Kubernetes ${release}, so this entry matches no request.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
  };
}

function kindMessage(typed: string, res: string, plural: string, group: string, sub: string | undefined): ItemMessage {
  const written = sub === undefined ? plural : `${plural}/${sub}`;
  const what = typed.toLowerCase() === plural ? 'Resource names are lowercase' : `"${typed}" is a kind or singular name`;
  return {
    code: 'kind-instead-of-resource',
    text: `${what}: audit rules match the plural resource name as the request URL spells it, "${written}" in ${groupLabel(group)}. As written, "${res}" matches no request.`,
  };
}
