// `diff --format text`: a summary line, then the changes grouped by kind, each as
// "REQUESTS: BEFORE → AFTER (old rule a → new rule b)" with further request kinds, a witness, the
// security flags and, with --logs, what the logs say. Strings from policies and logs are shown
// with control characters escaped.
import { countsText, KIND_TITLES, CHANGE_KINDS, outcomeText, rulesText } from '../../core/diff/describeChange.ts';
import type { PolicyChange } from '../../core/diff/diffPolicies.ts';
import type { TrafficCounts } from '../../core/diff/diffTraffic.ts';
import { formatBytes } from '../replaySummary.ts';
import { painter } from '../terminalColor.ts';
import { pairsOutsideModel, trafficOf, type DiffFormatter, type DiffReport } from './diffReport.ts';

const safe = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function trafficText(t: TrafficCounts): string {
  const side = (s: TrafficCounts['before']): string => `${formatBytes(s.bytes)}${s.growthUnknown > 0 ? '+' : ''}`;
  return `${int(t.events)} events (${int(t.changedEvents)} recorded differently), logged ${int(t.before.kept)} → ${int(t.after.kept)}, bytes ${side(t.before)} → ${side(t.after)}`;
}

export const diffText: DiffFormatter = (report, { color }) => {
  const paint = painter(color);
  const { diff } = report;
  const versions = report.oldVersion === report.newVersion ? ` (Kubernetes ${report.newVersion})` : '';
  const name = (n: string, v: string): string => `${safe(n)}${versions === '' ? ` (Kubernetes ${v})` : ''}`;
  const head = `${name(report.oldName, report.oldVersion)} → ${name(report.newName, report.newVersion)}${versions}`;
  if (diff.equivalent) return `${head}: equivalent: every request gets the same outcome under both.\n`;
  const security = diff.changes.filter((c) => c.security.length > 0).length;
  const out = [`${head}: ${countsText(diff.changes.map((c) => c.classification.kind))}${security > 0 ? `; ${paint('31;1', `${security} security-relevant`)}` : ''}.`];
  if (report.traffic) out.push(`Logs: ${int(report.traffic.allEvents)} events read; ${trafficText(report.traffic.totals)}.`);
  for (const kind of CHANGE_KINDS) {
    const changes = diff.changes.filter((c) => c.classification.kind === kind);
    if (changes.length === 0) continue;
    out.push('', paint('1', `${KIND_TITLES[kind]} (${changes.length})`));
    for (const c of changes) out.push(...changeLines(report, c, paint));
  }
  out.push(...outsideModelLines(report));
  if (report.traffic && report.traffic.stagesNotRecorded.length > 0) {
    out.push('', `Note: the logs hold no ${report.traffic.stagesNotRecorded.join(', ')} events; a change in whether ${report.traffic.stagesNotRecorded.length === 1 ? 'that stage is' : 'those stages are'} logged is not counted.`);
  }
  return `${out.join('\n')}\n`;
};

function changeLines(report: DiffReport, c: PolicyChange, paint: (code: string, s: string) => string): string[] {
  const [first, ...more] = c.requests.map(safe);
  const lines = [`  ${first}: ${outcomeText(c.before)} → ${outcomeText(c.after)} (${rulesText(c.before, c.after)})`];
  for (const r of more) lines.push(`    and ${r}`);
  if (c.regionCount > c.requests.length) lines.push(`    and ${c.regionCount - c.requests.length} more kinds of request`);
  const aspects = [...c.classification.more, ...c.classification.less];
  if (aspects.length > 0 && c.classification.kind !== 'newly-logged' && c.classification.kind !== 'newly-dropped') lines.push(`    ${aspects.join('; ')}`);
  lines.push(`    e.g. ${safe(c.witness.description)}`);
  for (const s of c.security) lines.push(`    ${paint('31;1', 'security:')} ${s.message}`);
  const t = trafficOf(report, c);
  if (report.traffic) lines.push(`    logs: ${t ? trafficText(t) : 'no events'}`);
  for (const s of t?.shapes ?? []) lines.push(`      ${int(s.events).padStart(8)}  ${safe(s.user ?? '(no user)')} ${safe(s.verb)} ${safe(s.target)}${s.namespace === '' ? '' : ` in ${safe(s.namespace)}`}`);
  return lines;
}

function outsideModelLines(report: DiffReport): string[] {
  const outside = pairsOutsideModel(report);
  if (outside.length === 0) return [];
  const rule = (side: string, r: number | null): string => (r === null ? `no ${side} rule` : `${side} rule ${r}`);
  return [
    '',
    `Outside the request model (${outside.length}): logged requests the analysis does not cover (e.g. a user without the group kube-apiserver adds to every authenticated user)`,
    ...outside.map((p) => `  ${rule('old', p.beforeRule)} → ${rule('new', p.afterRule)}: ${trafficText(p)}`),
  ];
}
