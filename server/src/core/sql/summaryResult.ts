// The rows of the summary query (summaryQuery.ts) back to the aggregate the built-in replay computes
// (replay/replayAggregate.ts), so the same formatter prints either. Rows are what ClickHouse's
// JSONEachRow gives: one object per row, 64-bit numbers possibly as strings.
import { LEVELS, STAGES, type Level } from '../model.ts';
import type { ReplayAggregate, ReplayCounts, RuleRow, ShapeRow } from '../replay/replayAggregate.ts';
import type { ReplayError } from '../replay/replayIndex.ts';

export type SummaryRow = Readonly<Record<string, unknown>>;

export interface SummaryContext {
  /** The logs read, in order, as given (the `file` of error rows indexes it). */
  readonly files: readonly string[];
  /** Rules of the policy (its rule rows are 0 .. rules - 1). */
  readonly rules: number;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const map = (v: unknown): Readonly<Record<string, unknown>> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const levelOf = (v: unknown): Level | null => ((LEVELS as readonly unknown[]).includes(v) ? (v as Level) : null);

function counts(r: SummaryRow): ReplayCounts {
  return {
    events: num(r['events']),
    kept: num(r['kept']),
    dropped: num(r['dropped']),
    bytesBefore: num(r['bytes_before']),
    bytesAfter: num(r['bytes_after']),
    growthUnknownEvents: num(r['growth_unknown_events']),
    levelUp: num(r['level_up']),
    levelDown: num(r['level_down']),
    levelSame: num(r['level_same']),
    levelUnknown: num(r['level_unknown']),
  };
}

const byName = <K extends string>(names: readonly K[], m: Readonly<Record<string, unknown>>): Record<K, number> =>
  Object.fromEntries(names.map((k) => [k, num(m[k])])) as Record<K, number>;

/** The aggregate of the summary rows; throws when a row the query always gives is missing. */
export function summaryAggregate(rows: readonly SummaryRow[], context: SummaryContext): ReplayAggregate {
  const total = rows.find((r) => r['section'] === 'total');
  if (total === undefined) throw new Error('the summary query gave no totals row');
  const all = counts(total);
  const ruleRows = new Map<number | null, RuleRow>();
  for (const r of rows.filter((x) => x['section'] === 'rule')) {
    const rule = r['rule'] === null ? null : num(r['rule']);
    const c = counts(r);
    ruleRows.set(rule, { rule, level: levelOf(r['level']), share: all.events === 0 ? 0 : c.events / all.events, ...c });
  }
  const ruleRow = (rule: number | null): RuleRow => {
    const row = ruleRows.get(rule);
    if (row === undefined) throw new Error(`the summary query gave no row for rule ${rule ?? '(none)'}`);
    return row;
  };
  const shapes: ShapeRow[] = rows
    .filter((r) => r['section'] === 'shape')
    .map((r, i) => ({
      // Ids of the built-in index; rows here have none: their rank, and no request to explain.
      shape: i,
      key: -1,
      user: r['user'] === null ? null : str(r['user']),
      verb: str(r['verb']),
      isResourceRequest: r['resource_request'] === true || num(r['resource_request']) === 1,
      apiGroup: str(r['api_group']),
      resource: str(r['resource']),
      subresource: str(r['subresource']),
      namespace: str(r['namespace']),
      path: str(r['path']),
      rule: r['rule'] === null ? null : num(r['rule']),
      level: levelOf(r['level']) ?? 'None',
      ...counts(r),
    }));
  const errors: ReplayError[] = rows
    .filter((r) => r['section'] === 'error')
    .map((r) => ({ file: context.files[num(r['file'])] ?? '', line: r['line'] === undefined ? null : num(r['line']), message: str(r['error']) }));
  const recordedByLevel = map(total['recorded_by_level']);
  const recordedByStage = map(total['recorded_by_stage']);
  return {
    totals: {
      ...all,
      files: [...context.files],
      errors: num(total['errors']),
      droppedByLevel: num(total['dropped_by_level']),
      droppedByStage: num(total['dropped_by_stage']),
      byLevel: byName(LEVELS, map(total['by_level'])),
      recordedByLevel: byName([...LEVELS, 'unknown'] as const, recordedByLevel),
      recordedByStage: byName([...STAGES, 'unknown'] as const, recordedByStage),
      requestReceivedNotRecorded: num(total['request_received_not_recorded']),
    },
    rules: Array.from({ length: context.rules }, (_, i) => ruleRow(i)),
    unmatched: ruleRow(null),
    shapes,
    errors,
  };
}
