// `kube-audit-policy sql`: the policy compiled to one ClickHouse SELECT over a table of audit Events
// (one JSON text per row). The query reads the rows once: the per-event form gives one row per
// input row; the summary form aggregates in the same pass what `replay --format summary` shows
// (summaryQuery.ts). Every value from the policy enters through sqlLiteral.ts.
import type { Policy } from '../model.ts';
import { leveledSelect } from './definitions.ts';
import { eventDefinitions } from './eventColumns.ts';
import { POLICY, policyDefinitions } from './policyColumns.ts';
import { SOURCE, sourceDefinitions, sourceRows } from './sourceColumns.ts';
import type { SqlOptions, SummaryOptions } from './sqlOptions.ts';
import { summaryQuery } from './summaryQuery.ts';

export type { SqlSource } from './sourceColumns.ts';

/** What a summary lists by default, as replay's summary does: the busiest shapes, the first errors. */
export const SUMMARY_DEFAULTS = { topShapes: 20, listedErrors: 20 } as const;

/** The per-event columns, exactly (scripts and dashboards read them). */
export const PER_EVENT_COLUMNS = ['auditID', 'rule', 'level', 'omitStages', 'omitManagedFields', 'error'] as const;

/**
 * SQL: one row per event with the matching rule and its effect, or why the row is not an audit
 * Event (then its error is set and the rest is empty: rule NULL, level '').
 */
export function perEventQuery(policy: Policy, o: SqlOptions): string {
  const position = o.source.position === undefined ? '' : `,\n  ${SOURCE.file} AS file,\n  ${SOURCE.line} AS line`;
  const order = o.source.position === undefined ? '' : '\nORDER BY file, line';
  return (
    `SELECT\n  kap_audit_id AS auditID,\n  ${POLICY.rule} AS rule,\n  ${POLICY.level} AS level,\n  ${POLICY.omitStages} AS omitStages,\n` +
    `  ${POLICY.omitManagedFields} AS omitManagedFields,\n  kap_error AS error${position}\nFROM (\n${evaluatedQuery(policy, o)}\n)${order}\n`
  );
}

/** SQL: the summary rows (see summaryQuery.ts for their columns). */
export function summarySql(policy: Policy, o: SummaryOptions): string {
  return summaryQuery(evaluatedQuery(policy, o), policy, o);
}

/** Every row with its event columns (eventColumns.ts) and its outcome under the policy (policyColumns.ts). */
function evaluatedQuery(policy: Policy, o: SqlOptions): string {
  const definitions = [...sourceDefinitions(o.source), ...eventDefinitions(SOURCE.json, SOURCE.recordError, SOURCE.errorPrefix), ...policyDefinitions(policy, o.kubernetesVersion)];
  return leveledSelect(definitions, `(${sourceRows(o.source)})`);
}
