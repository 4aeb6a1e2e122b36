// The summary as SQL: what replay's aggregateReplay computes (replay/aggregateReplay.ts,
// estimateBytes.ts), in one pass over the rows. One GROUP BY with three grouping sets gives the
// totals, one row per rule and one per request shape and rule; window functions rank the shapes
// as the built-in replay sorts them; the totals row then also yields the rules no event hit and
// the first rows that are not audit Events. Output: rows of SUMMARY_COLUMNS, by section.
import { LEVELS, STAGES, type Policy } from '../model.ts';
import { UNKNOWN_CODE } from '../replay/replayIndex.ts';
import type { SummaryOptions } from './sqlOptions.ts';
import { leveledSelect, selectList, type Definitions } from './definitions.ts';
import { EVENT } from './eventColumns.ts';
import { bySlot, POLICY, slotLevels } from './policyColumns.ts';
import { SOURCE } from './sourceColumns.ts';
import { sqlString } from './sqlLiteral.ts';

export type SummarySection = 'total' | 'rule' | 'shape' | 'error';
const SECTIONS: readonly SummarySection[] = ['total', 'rule', 'shape', 'error'];

/**
 * The columns of the summary, in order. Counts are of audit Events (rows that are not are counted
 * in `errors` and listed as 'error' rows). `file` and `line` exist only when the source has positions.
 */
export const SUMMARY_COLUMNS = [
  'section',
  'rank',
  'rule',
  'level',
  'events',
  'kept',
  'dropped',
  'dropped_by_level',
  'dropped_by_stage',
  'bytes_before',
  'bytes_after',
  'growth_unknown_events',
  'level_up',
  'level_down',
  'level_same',
  'level_unknown',
  'by_level',
  'recorded_by_level',
  'recorded_by_stage',
  'request_received_not_recorded',
  'errors',
  'shapes',
  'user',
  'verb',
  'resource_request',
  'api_group',
  'resource',
  'subresource',
  'namespace',
  'path',
  'error',
  'audit_id',
] as const;

/** The counters every total, rule and shape row has (replayAggregate.ts ReplayCounts and the drop split). */
const COUNTERS = ['events', 'kept', 'dropped_by_level', 'dropped_by_stage', 'bytes_before', 'bytes_after', 'growth_unknown_events', 'level_up', 'level_down', 'level_same', 'level_unknown'] as const;

/** The display shape of a request (replayIndex.ts sameShape): every attribute the checker reads but the groups. */
const SHAPE = ['kap_shape_user', EVENT.verb, EVENT.isResource, EVENT.namespace, EVENT.apiGroup, EVENT.resource, EVENT.subresource, 'kap_shape_path'] as const;

/** The grouped rows' name of an aggregate (output columns take the plain name). */
const agg = (name: string): string => `kap_sum_${name}`;

const REQUEST_RECEIVED = STAGES.indexOf('RequestReceived');
const RESPONSE_COMPLETE = STAGES.indexOf('ResponseComplete');
const REQUEST = LEVELS.indexOf('Request');
const REQUEST_RESPONSE = LEVELS.indexOf('RequestResponse');

/** SQL: a Map(String, UInt64) counting events by a code column, keyed by name (UNKNOWN_CODE: 'unknown'). */
function countsByName(names: readonly string[], code: string, withUnknown: boolean): string {
  const keys = withUnknown ? [...names, 'unknown'] : names;
  return `map(${keys.map((k, i) => `${sqlString(k)}, countIf(least(kap_is_event, ${code} = ${i === names.length ? UNKNOWN_CODE : i}))`).join(', ')})`;
}

export function summaryQuery(evaluated: string, policy: Policy, o: SummaryOptions): string {
  const positioned = o.source.position !== undefined;
  const slots = policy.rules.length + 1;

  // Per row: what the new policy keeps of the event and its estimated bytes (estimateBytes.ts).
  // Written with least/greatest and arithmetic, which ClickHouse computes eagerly: AND, OR and if()
  // evaluate lazily, and a column read only in lazily evaluated places is computed again for each.
  const all = (...xs: string[]): string => `least(${xs.join(', ')})`;
  const perRow: Definitions = [
    ['kap_is_event', `empty(${EVENT.error})`],
    ['kap_shape_user', `if(${EVENT.hasUser}, ${EVENT.user}, CAST(NULL AS Nullable(String)))`],
    ['kap_shape_path', `if(${EVENT.isResource}, '', ${EVENT.path})`],
    // Masks have bits 0 to 3: the unknown stage (UNKNOWN_CODE, 4) is never omitted.
    ['kap_stage_omitted', `bitTest(${POLICY.omitMask}, ${EVENT.stage})`],
    ['kap_kept', all(`${POLICY.levelCode} > 0`, 'NOT kap_stage_omitted')],
    ['kap_unknown_level', `${EVENT.recordedLevel} = ${UNKNOWN_CODE}`],
    ['kap_growth_unknown', all('kap_kept', `greatest(kap_unknown_level, ${POLICY.levelCode} > ${EVENT.recordedLevel})`)],
    [
      'kap_after',
      `kap_kept * (kap_growth_unknown * ${EVENT.bytes} + (1 - kap_growth_unknown) * greatest(0, ${EVENT.bytes} - ` +
        `(${POLICY.levelCode} < ${REQUEST_RESPONSE}) * ${EVENT.responseBodyBytes} - (${POLICY.levelCode} < ${REQUEST}) * ${EVENT.requestBodyBytes}))`,
    ],
    ['kap_effective', `kap_kept * ${POLICY.levelCode}`],
    ['kap_known', all('kap_is_event', 'NOT kap_unknown_level')],
  ];
  const errorItem = positioned ? `(${SOURCE.file}, ${SOURCE.line}, ${EVENT.error}, ${EVENT.auditId})` : `(${EVENT.error}, ${EVENT.auditId})`;
  const aggregates: Definitions = [
    ['kap_grouping', `grouping(${POLICY.slot}, ${EVENT.verb})`],
    [POLICY.slot, POLICY.slot],
    ...SHAPE.map((c): [string, string] => [c, c]),
    [agg('events'), 'countIf(kap_is_event)'],
    [agg('kept'), `countIf(${all('kap_is_event', 'kap_kept')})`],
    [agg('dropped_by_level'), `countIf(${all('kap_is_event', `${POLICY.levelCode} = 0`)})`],
    [agg('dropped_by_stage'), `countIf(${all('kap_is_event', `${POLICY.levelCode} > 0`, 'kap_stage_omitted')})`],
    [agg('bytes_before'), `sumIf(${EVENT.bytes}, kap_is_event)`],
    [agg('bytes_after'), 'sumIf(kap_after, kap_is_event)'],
    [agg('growth_unknown_events'), `countIf(${all('kap_is_event', 'kap_growth_unknown')})`],
    [agg('level_up'), `countIf(${all('kap_known', `kap_effective > ${EVENT.recordedLevel}`)})`],
    [agg('level_down'), `countIf(${all('kap_known', `kap_effective < ${EVENT.recordedLevel}`)})`],
    [agg('level_same'), `countIf(${all('kap_known', `kap_effective = ${EVENT.recordedLevel}`)})`],
    [agg('level_unknown'), `countIf(${all('kap_is_event', 'kap_unknown_level')})`],
    [agg('by_level'), countsByName(LEVELS, POLICY.levelCode, false)],
    [agg('recorded_by_level'), countsByName(LEVELS, EVENT.recordedLevel, true)],
    [agg('recorded_by_stage'), countsByName(STAGES, EVENT.stage, true)],
    // Kept ResponseComplete events whose request would also log RequestReceived (aggregateReplay).
    ['kap_kept_logging_received', `countIf(${all('kap_is_event', 'kap_kept', `${EVENT.stage} = ${RESPONSE_COMPLETE}`, `NOT bitTest(${POLICY.omitMask}, ${REQUEST_RECEIVED})`)})`],
    [agg('errors'), 'countIf(NOT kap_is_event)'],
    ['kap_first_errors', `groupArraySortedIf(${o.listedErrors})(${errorItem}, NOT kap_is_event)`],
    ['kap_hit_slots', `groupUniqArrayIf(${POLICY.slot}, kap_is_event)`],
    ...(positioned ? [['kap_first_seen', `minIf((${SOURCE.file}, ${SOURCE.line}), kap_is_event)`] as const] : []),
  ];
  const grouped =
    `SELECT\n${selectList(aggregates)}\nFROM (\n${leveledSelect(perRow, `(\n${evaluated}\n)`)}\n)\n` +
    `GROUP BY GROUPING SETS ((), (${POLICY.slot}), (${POLICY.slot}, ${SHAPE.join(', ')}))`;

  // Shapes sorted as aggregateReplay sorts them: events, bytes before, the shape's first sight
  // (by position; without positions, by its fields), the rule (none first).
  const shapeOrder = positioned ? ['kap_shape_first'] : [`${SHAPE[0]} NULLS FIRST`, ...SHAPE.slice(1)];
  const section = `multiIf(kap_grouping = 3, 'total', kap_grouping = 1, 'rule', 'shape')`;
  const firstSeen = positioned ? `,\n  min(kap_first_seen) OVER (PARTITION BY kap_grouping, ${SHAPE.join(', ')}) AS kap_shape_first` : '';
  const ranked =
    `SELECT *,\n  row_number() OVER (PARTITION BY kap_grouping ORDER BY ${agg('events')} DESC, ${agg('bytes_before')} DESC, ${shapeOrder.join(', ')}, ${POLICY.slot}) AS kap_rank,\n` +
    `  countIf(kap_grouping = 0) OVER () AS kap_shapes\nFROM (\nSELECT *, ${section} AS kap_section${firstSeen}\nFROM (\n${grouped}\n)\nWHERE kap_grouping = 3 OR ${POLICY.slot} >= 0\n)`;

  // Each grouped row is one output row; the totals row is also the rules without events and the errors.
  const row = (s: string, slot: string, rank: string): string => `CAST((${s}, ${slot}, ${rank}) AS Tuple(String, Int64, UInt64))`;
  const rows =
    `if(kap_grouping = 3, arrayConcat([${row("'total'", '0', '0')}], ` +
    `arrayMap(s -> ${row("'rule'", 's', '0')}, arrayFilter(s -> NOT has(kap_hit_slots, s), range(0, ${slots}))), ` +
    `arrayMap(i -> ${row("'error'", '0', 'i')}, range(1, length(kap_first_errors) + 1))), ` +
    `[${row('kap_section', POLICY.slot, 'kap_rank')}])`;
  const own = 'kap_row.1 = kap_section';
  const is = (s: SummarySection): string => `kap_row.1 = '${s}'`;
  const ofShape = (column: string, empty: string): string => `if(${is('shape')}, ${column}, ${empty})`;
  // An error item is (file, line, error, audit ID), or (error, audit ID) without positions.
  const ofError = (field: 'file' | 'line' | 'error' | 'auditId', empty: string): string =>
    `if(${is('error')}, kap_first_errors[kap_row.3].${(positioned ? ['file', 'line', 'error', 'auditId'] : ['error', 'auditId']).indexOf(field) + 1}, ${empty})`;
  const counted = (c: string): string => `if(${own}, ${agg(c)}, 0)`;
  const totalOnly = (c: string, empty: string): string => `if(${is('total')}, ${c}, ${empty})`;
  const noMap = 'CAST(map() AS Map(String, UInt64))';
  const output: Definitions = [
    ['section', 'kap_row.1'],
    ['rank', `toUInt64(if(${is('rule')}, if(kap_row.2 = 0, ${slots}, kap_row.2), kap_row.3))`],
    ['rule', `if(${is('rule')} OR ${is('shape')}, if(kap_row.2 = 0, CAST(NULL AS Nullable(Int64)), kap_row.2 - 1), NULL)`],
    ['level', `if(${is('rule')} OR ${is('shape')}, ${bySlot(slotLevels(policy), 'String', 'kap_row.2')}, '')`],
    ...COUNTERS.slice(0, 2).map((c): [string, string] => [c, counted(c)]),
    ['dropped', `if(${own}, ${agg('events')} - ${agg('kept')}, 0)`],
    ...COUNTERS.slice(2).map((c): [string, string] => [c, counted(c)]),
    ...(['by_level', 'recorded_by_level', 'recorded_by_stage'] as const).map((c): [string, string] => [c, totalOnly(agg(c), noMap)]),
    ['request_received_not_recorded', totalOnly(`if(${agg('recorded_by_stage')}['RequestReceived'] = 0, kap_kept_logging_received, 0)`, '0')],
    ['errors', totalOnly(agg('errors'), '0')],
    ['shapes', totalOnly('kap_shapes', '0')],
    ['user', ofShape('kap_shape_user', 'NULL')],
    ['verb', ofShape(EVENT.verb, "''")],
    ['resource_request', ofShape(EVENT.isResource, 'false')],
    ['api_group', ofShape(EVENT.apiGroup, "''")],
    ['resource', ofShape(EVENT.resource, "''")],
    ['subresource', ofShape(EVENT.subresource, "''")],
    ['namespace', ofShape(EVENT.namespace, "''")],
    ['path', ofShape('kap_shape_path', "''")],
    ['error', ofError('error', "''")],
    ['audit_id', ofError('auditId', "''")],
    ...(positioned ? [['file', ofError('file', '0')] as const, ['line', ofError('line', '0')] as const] : []),
  ];
  const shapesShown = o.topShapes === undefined ? '' : ` AND NOT (kap_row.1 = 'shape' AND kap_row.3 > ${o.topShapes})`;
  return (
    `SELECT\n${selectList(output)}\nFROM (\nSELECT *, ${rows} AS kap_rows\nFROM (\n${ranked}\n)\n)\nARRAY JOIN kap_rows AS kap_row\n` +
    `WHERE true${shapesShown}\nORDER BY indexOf([${SECTIONS.map((s) => `'${s}'`).join(', ')}], section), rank\n`
  );
}
