// What every `diff` format receives: both sides as named on the command line, the diff, the new
// policy's text (SARIF points into it) and, with --logs, the traffic per pair of outcomes.
import type { PolicyChange, PolicyDiff } from '../../core/diff/diffPolicies.ts';
import type { DiffTraffic, PairTraffic } from '../../core/diff/diffTraffic.ts';
import type { Policy } from '../../core/model.ts';

export interface DiffReport {
  readonly oldName: string;
  readonly newName: string;
  readonly oldVersion: string;
  readonly newVersion: string;
  /** NEW as a file path SARIF can point at ("-" for standard input). */
  readonly newFile: string;
  readonly newText: string;
  readonly newPolicy: Policy;
  readonly diff: PolicyDiff;
  readonly traffic?: DiffTraffic;
}

export type DiffFormatter = (report: DiffReport, options: { readonly color: boolean }) => string;

/** The traffic of a change's pair (undefined without --logs, or zero events when none were seen). */
export function trafficOf(report: DiffReport, c: PolicyChange): PairTraffic | undefined {
  return report.traffic?.pairs.find((p) => p.beforeRule === c.before.rule && p.afterRule === c.after.rule);
}

/** Pairs seen in the logs that no change names: requests outside the analysis' request model. */
export function pairsOutsideModel(report: DiffReport): readonly PairTraffic[] {
  const listed = new Set(report.diff.changes.map((c) => `${c.before.rule}:${c.after.rule}`));
  return (report.traffic?.pairs ?? []).filter((p) => !listed.has(`${p.beforeRule}:${p.afterRule}`));
}

/** Changes in the order outputs list them: security-relevant first, then by kind as the core gives them. */
export const orderedChanges = (d: PolicyDiff): readonly PolicyChange[] => [...d.changes].sort((a, b) => Number(b.security.length > 0) - Number(a.security.length > 0));
