// Plain-English account of what one rule matches and what it does, e.g. "Logs metadata of
// get/list/watch on core secrets and configmaps, for every user; omits RequestReceived". The
// summary reads the rule alone plus the policy-wide omit settings; what earlier rules take away is
// the analysis' business (hover adds it).
import { STAGES, type GroupResources, type Level, type Policy, type PolicyRule, type Stage } from '../model.ts';
import { groupName, list } from './phrases.ts';

const LEVEL_PHRASES: Record<Level, string> = {
  None: 'Does not log',
  Metadata: 'Logs metadata of',
  Request: 'Logs metadata and request bodies of',
  RequestResponse: 'Logs metadata, request and response bodies of',
};

/** The full sentence (hover, explain trace). */
export function ruleSummary(rule: PolicyRule, policy: Policy): string {
  if (rule.level === null) return 'Never applies: its level is missing or invalid, so kube-apiserver would refuse the policy.';
  const what = rule.verbs.length > 0 ? `${rule.verbs.join('/')} ${target(rule) ? `on ${target(rule)}` : 'requests'}` : target(rule) ? `requests to ${target(rule)}` : 'every request';
  const where = namespaces(rule);
  const bodiless = noBodies(rule);
  const level = bodiless ? 'Logs only metadata of' : LEVEL_PHRASES[rule.level];
  const note = bodiless ? `; level ${rule.level}, but ${bodiless}` : '';
  return `${level} ${what}${where ? ` ${where}` : ''}, ${who(rule, 4)}${note}${omissions(rule, policy)}.`;
}

/** A few words for the outline: "get/list/watch · core secrets and configmaps · kube-system". */
export function ruleShortSummary(rule: PolicyRule): string {
  const parts = [
    rule.verbs.length > 0 ? rule.verbs.join('/') : '',
    target(rule, 3) || 'every request',
    namespaces(rule, 2).replace(/^in /, ''),
    rule.users.length + rule.userGroups.length > 0 ? who(rule, 2).replace(/^for /, '') : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

/** What the rule is about: resources, non-resource URLs, or '' for every request. */
function target(rule: PolicyRule, max = 4): string {
  if (rule.resources.length > 0) {
    // Whole groups read best as one list; otherwise each entry says its own group.
    if (rule.resources.every((gr) => gr.resources.length === 0)) return `every resource in ${list(rule.resources.map((gr) => groupName(gr.group)), max)}`;
    const entries = rule.resources.map((gr) => groupResources(gr, max));
    return entries.length > max ? `${entries.slice(0, max - 1).join('; ')}; and ${entries.length - max + 1} more entries` : entries.join('; ');
  }
  if (rule.namespaces.length > 0) return 'every resource';
  if (rule.nonResourceURLs.length > 0) {
    if (rule.nonResourceURLs.includes('*')) return 'every non-resource URL';
    return `the non-resource URL${rule.nonResourceURLs.length > 1 ? 's' : ''} ${list(rule.nonResourceURLs, max)}`;
  }
  return '';
}

function groupResources(gr: GroupResources, max: number): string {
  if (gr.resources.length === 0) return `every resource in ${groupName(gr.group)}`;
  const names = gr.resourceNames.length > 0 ? ` named ${list(gr.resourceNames.map((n) => (n === '' ? '""' : n)), max)}` : '';
  return gr.group === '*' ? `${list(gr.resources, max)}${names} in every group` : `${groupName(gr.group)} ${list(gr.resources, max)}${names}`;
}

function namespaces(rule: PolicyRule, max = 4): string {
  if (rule.namespaces.length === 0) return '';
  const named = rule.namespaces.filter((ns) => ns !== '');
  const clusterScoped = named.length < rule.namespaces.length;
  const inNamed = named.length > 0 ? `in namespace${named.length > 1 ? 's' : ''} ${list(named, max)}` : '';
  if (!clusterScoped) return inNamed;
  return inNamed === '' ? 'outside any namespace (cluster-scoped)' : `${inNamed} or cluster-scoped`;
}

function who(rule: PolicyRule, max: number): string {
  const users = rule.users.length > 0 ? `user${rule.users.length > 1 ? 's' : ''} ${list(rule.users, max)}` : '';
  const groups = rule.userGroups.length > 0 ? `group${rule.userGroups.length > 1 ? 's' : ''} ${list(rule.userGroups, max)}` : '';
  if (users && groups) return `for ${users} when in ${groups}`;
  if (users) return `for ${users}`;
  if (groups) return `for members of ${groups}`;
  return 'for every user';
}

const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

/**
 * Why a body level logs no body for this rule: bodies exist only for resource requests
 * (pkg/apis/audit: the body levels "do not apply for non-resource requests"), and reads send no
 * request body.
 */
function noBodies(rule: PolicyRule): string | undefined {
  if (rule.level !== 'Request' && rule.level !== 'RequestResponse') return undefined;
  if (rule.nonResourceURLs.length > 0 && rule.resources.length === 0 && rule.namespaces.length === 0) return 'non-resource requests have no bodies to log';
  if (rule.level === 'Request' && rule.verbs.length > 0 && rule.verbs.every((v) => READ_VERBS.has(v))) return `${list(rule.verbs)} ${rule.verbs.length === 1 ? 'sends' : 'send'} no request body`;
  return undefined;
}

/** Stages the rule leaves out (policy-wide and its own) and managed fields, where they matter. */
function omissions(rule: PolicyRule, policy: Policy): string {
  if (rule.level === 'None') return '';
  const stages: Stage[] = STAGES.filter((s) => policy.omitStages.includes(s) || rule.omitStages.includes(s));
  const parts = stages.length > 0 ? [`omits ${list(stages)}`] : [];
  if ((rule.level === 'Request' || rule.level === 'RequestResponse') && !noBodies(rule) && (rule.omitManagedFields ?? policy.omitManagedFields)) {
    parts.push('drops managedFields from the bodies');
  }
  return parts.map((p) => `; ${p}`).join('');
}
