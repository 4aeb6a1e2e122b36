// What a compiled query is for: its source, the release, and for a summary what it lists. Shared by
// compileSql.ts and summaryQuery.ts, which both read it.
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { SqlSource } from './sourceColumns.ts';

export interface SqlOptions {
  readonly source: SqlSource;
  readonly kubernetesVersion: KubernetesVersion;
}

export interface SummaryOptions extends SqlOptions {
  /** Request shapes listed (the busiest); undefined: all. */
  readonly topShapes?: number;
  /** Rows that are not audit Events listed with their message (the first, by position when known). */
  readonly listedErrors: number;
}
