// The human table of `replay --format summary`: the aggregate the replay panel shows, as text.
// Strings from a log or the command line are attacker-controlled: they go through printable().
import { shapeTarget } from '../core/replay/queryShapes.ts';
import type { IncompleteEvents, ReplayAggregate, ReplayCounts, RuleRow } from '../core/replay/replayAggregate.ts';
import { printable } from './printable.ts';

export interface SummaryOptions {
  readonly policy: string;
  readonly kubernetesVersion: string;
  /** Request shapes listed (the busiest). */
  readonly topShapes: number;
  /** Errors listed with their location. */
  readonly topErrors: number;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number, of: number): string => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (Math.abs(n) >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(n)} B` : `${n.toFixed(1)} ${units[u]}`;
}

/** "before -> after", with a "+" when some growth could not be estimated. */
const bytesChange = (c: ReplayCounts): string => `${formatBytes(c.bytesBefore)} -> ${formatBytes(c.bytesAfter)}${c.growthUnknownEvents > 0 ? '+' : ''}`;

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`);
}

const change = (c: ReplayCounts): string => {
  const parts = [c.levelUp > 0 ? `${int(c.levelUp)} up` : '', c.levelDown > 0 ? `${int(c.levelDown)} down` : '', c.levelUnknown > 0 ? `${int(c.levelUnknown)} unknown` : ''];
  return parts.filter((p) => p !== '').join(', ') || 'same';
};

export function formatReplaySummary(agg: ReplayAggregate, o: SummaryOptions): string {
  const t = agg.totals;
  const out: string[] = [];
  out.push(
    `Replayed ${int(t.events)} event${t.events === 1 ? '' : 's'} from ${t.files.length} log${t.files.length === 1 ? '' : 's'} against ${printable(o.policy)} (Kubernetes ${o.kubernetesVersion})` +
      (t.errors > 0 ? `; ${int(t.errors)} unreadable (listed below).` : '.'),
  );
  out.push('');
  out.push('Totals');
  out.push(`  kept       ${int(t.kept)} (${pct(t.kept, t.events)})`);
  out.push(`  dropped    ${int(t.dropped)} (level None ${int(t.droppedByLevel)}, omitted stage ${int(t.droppedByStage)})`);
  out.push(`  by level   ${Object.entries(t.byLevel).map(([l, n]) => `${l} ${int(n)}`).join(' · ')}`);
  out.push(`  recorded   ${Object.entries(t.recordedByLevel).filter(([l, n]) => l !== 'unknown' || n > 0).map(([l, n]) => `${l} ${int(n)}`).join(' · ')}`);
  // With growth unknown, "after" is only a lower bound: no percentage can be given.
  out.push(`  bytes      ${bytesChange(t)} (${t.growthUnknownEvents > 0 ? 'change unknown' : pct(t.bytesAfter - t.bytesBefore, t.bytesBefore)})`);
  out.push(`  vs recorded level: ${int(t.levelUp)} up, ${int(t.levelDown)} down, ${int(t.levelSame)} same${t.levelUnknown > 0 ? `, ${int(t.levelUnknown)} without a recorded level` : ''}`);
  if (t.growthUnknownEvents > 0) {
    out.push(`  + ${int(t.growthUnknownEvents)} kept events would be logged above their recorded level${t.levelUnknown > 0 ? ' (or have none recorded)' : ''}: the bodies they would add are unknown,`);
    out.push('    so "after" counts them at their recorded size.');
  }
  out.push(...incompleteLines(t.incomplete));
  if (t.requestReceivedNotRecorded > 0) {
    out.push(`  + the log has no RequestReceived events; the policy would also log that stage for ${int(t.requestReceivedNotRecorded)} requests (not counted).`);
  }
  out.push('');
  out.push('Rules');
  const ruleLine = (r: RuleRow): string[] => [
    r.rule === null ? '(none)' : String(r.rule),
    r.level ?? '(invalid)',
    int(r.events),
    pct(r.events, t.events),
    int(r.kept),
    bytesChange(r),
    change(r),
  ];
  const rows = [...agg.rules, agg.unmatched].filter((r) => r.events > 0).map(ruleLine);
  out.push(...table(['rule', 'level', 'events', 'share', 'kept', 'bytes', 'vs recorded'], rows, new Set([2, 3, 4])));
  const neverHit = agg.rules.filter((r) => r.events === 0).map((r) => r.rule);
  out.push(neverHit.length === 0 ? '  every rule matched some event' : `  never hit: rule${neverHit.length === 1 ? '' : 's'} ${neverHit.join(', ')}`);
  out.push('');
  const shown = agg.shapes.slice(0, o.topShapes);
  out.push(`Request shapes (${shown.length} busiest of ${int(agg.shapes.length)})`);
  out.push(
    ...table(
      ['events', 'user', 'verb', 'resource or path', 'namespace', 'rule', 'level', 'bytes', 'vs recorded'],
      shown.map((s) => [
        int(s.events),
        s.user === null ? '(no user)' : printable(s.user),
        printable(s.verb),
        printable(shapeTarget(s)),
        printable(s.namespace),
        s.rule === null ? '-' : String(s.rule),
        s.level,
        bytesChange(s),
        change(s),
      ]),
      new Set([0]),
    ),
  );
  if (agg.errors.length > 0) {
    out.push('');
    const listed = agg.errors.slice(0, o.topErrors);
    out.push(`Unreadable (${listed.length} of ${int(t.errors)})`);
    for (const e of listed) out.push(`  ${printable(e.file)}${e.line === null ? '' : `:${e.line}`}: ${printable(e.message)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Events an envelope gave in part (GKE entries carry no user groups): what they lack, and which verdicts that leaves open. */
function incompleteLines(i: IncompleteEvents): string[] {
  if (i.events === 0) return [];
  const what = Object.entries(i.missing).map(([m, n]) => `${m} (${int(n)})`).join(', ');
  const rules = i.rules.length === 1 ? `rule ${i.rules[0]} reads` : `rules ${i.rules.join(', ')} read`;
  return [
    `  incomplete ${int(i.events)} event${i.events === 1 ? '' : 's'} from logs that do not carry: ${what}`,
    i.rules.length === 0 ? '    no rule reads what is missing: their verdicts are exact.' : `    ${rules} it: the verdicts on these events are not exact (see docs/cloud-logs.md).`,
  ];
}
