// `diff --format markdown`: a pull-request comment. A summary table first (one row per change,
// security-relevant ones first), the details folded in <details> (requests, witness Event, what
// the logs say). Every string from a policy or log is escaped: a user name must not become markup.
import { countsText, outcomeText, rulesText, KIND_TITLES } from '../../core/diff/describeChange.ts';
import type { PolicyChange } from '../../core/diff/diffPolicies.ts';
import { formatBytes } from '../replaySummary.ts';
import { trafficText } from './diffText.ts';
import { orderedChanges, pairsOutsideModel, trafficOf, type DiffFormatter, type DiffReport } from './diffReport.ts';

/** Text inside a table cell or a paragraph: HTML and Markdown punctuation escaped, one line. */
export const mdText = (s: string): string =>
  s
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);

/** Inline code that no string can break out of (HTML, so backticks in the text do not end it). */
const code = (s: string): string => `<code>${s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[&<>|]/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`;

/** A fenced block whose fence is longer than any backtick run in the text. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export const diffMarkdown: DiffFormatter = (report) => {
  const { diff } = report;
  const versions = report.oldVersion === report.newVersion ? `Kubernetes ${report.newVersion}` : `Kubernetes ${report.oldVersion} → ${report.newVersion}`;
  const out = [`### Audit policy diff: ${code(report.oldName)} → ${code(report.newName)} (${versions})`, ''];
  if (diff.equivalent) {
    out.push('**Equivalent**: every request gets the same outcome under both policies.');
    return `${out.join('\n')}\n`;
  }
  const security = diff.changes.filter((c) => c.security.length > 0).length;
  out.push(`**${mdText(countsText(diff.changes.map((c) => c.classification.kind)))}**${security > 0 ? ` · **:warning: ${security} security-relevant**` : ''}`, '');
  if (report.traffic) out.push(`Logs: ${report.traffic.allEvents.toLocaleString('en-US')} events read; ${mdText(trafficText(report.traffic.totals))}.`, '');
  const changes = orderedChanges(diff);
  const logs = report.traffic !== undefined;
  out.push(`| | change | before | after | requests |${logs ? ' events | bytes |' : ''}`, `|---|---|---|---|---|${logs ? '---:|---|' : ''}`);
  changes.forEach((c, i) => {
    const t = trafficOf(report, c);
    const traffic = logs ? ` ${t ? t.events.toLocaleString('en-US') : 0} | ${t ? `${formatBytes(t.before.bytes)} → ${formatBytes(t.after.bytes)}${t.after.growthUnknown > 0 ? '+' : ''}` : '-'} |` : '';
    const more = c.regionCount > 1 ? ` (+${c.regionCount - 1} more)` : '';
    out.push(
      `| ${c.security.length > 0 ? ':warning:' : ''} ${i + 1} | ${KIND_TITLES[c.classification.kind]} | ${ruleCell(c.before.rule)}: ${mdText(outcomeText(c.before))} | ${ruleCell(c.after.rule)}: ${mdText(outcomeText(c.after))} | ${mdText(c.requests[0] ?? '')}${more} |${traffic}`,
    );
  });
  out.push('', `<details><summary>Details of ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}</summary>`, '');
  changes.forEach((c, i) => out.push(...details(report, c, i + 1)));
  const outside = pairsOutsideModel(report);
  if (outside.length > 0) {
    out.push('', '**Outside the request model** (logged requests the analysis does not cover, e.g. a user without the group kube-apiserver adds to every authenticated user):', '');
    for (const p of outside) out.push(`- old ${p.beforeRule ?? 'none'} → new ${p.afterRule ?? 'none'}: ${mdText(trafficText(p))}`);
  }
  out.push('', '</details>');
  return `${out.join('\n')}\n`;
};

const ruleCell = (rule: number | null): string => (rule === null ? 'no rule' : `rule ${rule}`);

function details(report: DiffReport, c: PolicyChange, n: number): string[] {
  const lines = [`#### ${n}. ${mdText(outcomeText(c.before))} → ${mdText(outcomeText(c.after))} (${mdText(rulesText(c.before, c.after))})`, ''];
  for (const s of c.security) lines.push(`- :warning: **security**: ${mdText(s.message)}`);
  const aspects = [...c.classification.more, ...c.classification.less];
  if (aspects.length > 0) lines.push(`- ${mdText(aspects.join('; '))}`);
  for (const r of c.requests) lines.push(`- ${mdText(r)}`);
  if (c.regionCount > c.requests.length) lines.push(`- and ${c.regionCount - c.requests.length} more kinds of request`);
  const t = trafficOf(report, c);
  if (report.traffic) lines.push(`- logs: ${t ? mdText(trafficText(t)) : 'no events'}`);
  for (const s of t?.shapes ?? []) lines.push(`  - ${s.events.toLocaleString('en-US')} × ${code(`${s.user ?? '(no user)'} ${s.verb} ${s.target}${s.namespace === '' ? '' : ` in ${s.namespace}`}`)}`);
  lines.push(`- e.g. ${code(c.witness.description)}:`, '', fenced('json', JSON.stringify(c.witness.event)), '');
  return lines;
}
