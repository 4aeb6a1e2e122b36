// `diff --format json`: the contract of issue 13, `{"equivalent", "changes": [{"before", "after",
// "witness", ...}]}`, each change with its classification, security flags, request descriptions
// and (with --logs) its traffic; with --logs also a top-level "traffic" summary.
import type { Outcome } from '../../core/diff/outcome.ts';
import { pairsOutsideModel, trafficOf, type DiffFormatter } from './diffReport.ts';

const outcome = (o: Outcome) => ({ rule: o.rule, level: o.level, omitStages: o.omitStages, omitManagedFields: o.omitManagedFields });

export const diffJson: DiffFormatter = (report) => {
  const { diff, traffic } = report;
  const json = {
    equivalent: diff.equivalent,
    changes: diff.changes.map((c) => ({
      before: outcome(c.before),
      after: outcome(c.after),
      witness: c.witness.event,
      classification: c.classification.kind,
      moreLogged: c.classification.more,
      lessLogged: c.classification.less,
      security: c.security,
      description: c.witness.description,
      requests: c.requests,
      requestKinds: c.regionCount,
      ...(traffic ? { traffic: trafficOf(report, c) ?? null } : {}),
    })),
    ...(traffic
      ? { traffic: { events: traffic.allEvents, changed: traffic.totals, stagesNotRecorded: traffic.stagesNotRecorded, outsideRequestModel: pairsOutsideModel(report) } }
      : {}),
  };
  return `${JSON.stringify(json)}\n`;
};
