// Where the events come from: the rows of a table expression, one event (or one cloud log record
// wrapping one event) as JSON text per row, read from one column. Unwrapping an envelope follows
// core/envelope/cloudEnvelopes.ts, the facts and the messages declared there.
import { envelopeMessages, type CloudEnvelope } from '../envelope/cloudEnvelopes.ts';
import type { Definitions } from './definitions.ts';
import { decoded, isAbsent, isJson, isJsonObject, isString, member, membersOf } from './jsonSql.ts';
import { sqlIdentifier, sqlString } from './sqlLiteral.ts';

export interface SqlSource {
  /** A ClickHouse table expression: a table, a table function such as file(...) or s3(...), or (SELECT ...). */
  readonly from: string;
  /** The column holding the JSON text. */
  readonly column: string;
  /** How each row wraps its event; undefined: the row is the event. */
  readonly envelope?: CloudEnvelope;
  /**
   * Where each row is, for ordering and locating (the embedded engine reading files): SQL for a
   * file number and a 1-based line. Without it rows have no order and errors no location.
   */
  readonly position?: { readonly file: string; readonly line: string };
}

/**
 * Where `kube-audit-policy sql` and "Copy as ClickHouse SQL" read by default: a JSON-lines log next
 * to clickhouse-local (LineAsString: one row per line, in the column `line`).
 */
export const DEFAULT_SOURCE = { from: "file('audit.log', 'LineAsString')", column: 'line' } as const satisfies SqlSource;

export const SOURCE = {
  /** The event's JSON text. */
  json: 'kap_json',
  /** Why the row's record holds no event ('' when it does, or has no envelope). */
  recordError: 'kap_record_error',
  /** What an error of the inner event is prefixed with (the record, and its id when it has one). */
  errorPrefix: 'kap_error_prefix',
  file: 'kap_file',
  line: 'kap_line',
} as const;

/** SQL: the rows of the source as `kap_text`, with SOURCE's file and line when it has positions. */
export function sourceRows(source: SqlSource): string {
  const position = source.position === undefined ? [] : [`${source.position.file} AS ${SOURCE.file}`, `${source.position.line} AS ${SOURCE.line}`];
  return `SELECT ${[`ifNull(toString(${sqlIdentifier(source.column)}), '') AS kap_text`, ...position].join(', ')} FROM ${source.from}`;
}

/** SOURCE's columns of a row, from `kap_text`. */
export const sourceDefinitions = (source: SqlSource): Definitions => (source.envelope === undefined ? plain() : unwrapped(source.envelope));

const plain = (): Definitions => [
  [SOURCE.json, 'kap_text'],
  [SOURCE.recordError, "''"],
  [SOURCE.errorPrefix, "''"],
];

/** A message of cloudEnvelopes.ts with one part computed in SQL: rendered around a marker, then split. */
function messageSql(render: (part: string) => string, part: string): string {
  const marker = '\u0000';
  const [before, after] = render(marker).split(marker) as [string, string];
  return `concat(${sqlString(before)}, ${part}, ${sqlString(after)})`;
}

function unwrapped(e: CloudEnvelope): Definitions {
  // The member at a path: each step reads the members of the object before it.
  const definitions: [string, string][] = [['kap_record', membersOf('kap_text')]];
  const at = (path: readonly string[], name: string): string => {
    let members = 'kap_record';
    path.forEach((key, i) => {
      const step = i === path.length - 1 ? name : `${name}_${i}`;
      definitions.push([step, member(members, key)]);
      if (i < path.length - 1) {
        definitions.push([`${step}_members`, membersOf(step)]);
        members = `${step}_members`;
      }
    });
    return name;
  };
  const ids = e.ids.map((p, i) => at(p, `kap_record_id_${i}`));
  const message = at(e.message, 'kap_record_message');
  const only = e.only === undefined ? undefined : { spec: e.only, value: at(e.only.path, 'kap_record_only') };
  const id = ids.length === 0 ? "''" : `multiIf(${ids.map((i) => `${isString(i)}, ${decoded(i)}`).join(', ')}, '')`;
  const errors = [
    `NOT ${isJson('kap_text', 'kap_record')}, 'invalid JSON'`,
    `NOT ${isJsonObject('kap_text', 'kap_record')}, ${sqlString(envelopeMessages.notObject(e))}`,
    ...(only === undefined
      ? []
      : [
          `NOT (${isString(only.value)} AND ${decoded(only.value)} IN (${only.spec.values.map(sqlString).join(', ')})), ` +
            messageSql((v) => envelopeMessages.otherRecord(only.spec, v), `if(${isAbsent(only.value)}, 'nothing', ${only.value})`),
        ]),
    `NOT ${isString(message)}, ${sqlString(envelopeMessages.noMessage(e))}`,
  ];
  return [
    ...definitions,
    ['kap_record_id', id],
    [SOURCE.recordError, `multiIf(${errors.join(', ')}, '')`],
    // The text as logged, without the newline that ended its line (the reader counts lines without theirs).
    ['kap_record_text', `if(${isString(message)}, ${decoded(message)}, '')`],
    [SOURCE.json, `if(endsWith(kap_record_text, '\\n'), substring(kap_record_text, 1, length(kap_record_text) - if(endsWith(kap_record_text, '\\r\\n'), 2, 1)), kap_record_text)`],
    [SOURCE.errorPrefix, `if(kap_record_id = '', ${sqlString(envelopeMessages.inner(e, ''))}, ${messageSql((id) => envelopeMessages.inner(e, id), 'toJSONString(kap_record_id)')})`],
  ];
}
