// The replay panel's data for one policy version: the aggregate's totals and rules (with where each
// rule is, to reveal it), and one page of request shapes for the panel's sort and filters.
import { ruleSummary } from '../core/describe/ruleSummary.ts';
import { formatKubernetesVersion } from '../core/kubernetesVersion.ts';
import { queryShapes, type ShapeQuery } from '../core/replay/queryShapes.ts';
import type { ReplayAggregate, ShapeRow } from '../core/replay/replayAggregate.ts';
import type { ReplayViewData } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import { toRange } from './toLsp.ts';

export const DEFAULT_ERROR_LIMIT = 100;
/** Longer strings from a log (a megabyte user name) are cut for display; filters still see them whole. */
export const MAX_DISPLAY_CHARS = 512;

const clip = (s: string): string => (s.length > MAX_DISPLAY_CHARS ? `${s.slice(0, MAX_DISPLAY_CHARS)}…` : s);

function displayed(row: ShapeRow): ShapeRow {
  const { user, verb, apiGroup, resource, subresource, namespace, path } = row;
  return { ...row, user: user === null ? null : clip(user), verb: clip(verb), apiGroup: clip(apiGroup), resource: clip(resource), subresource: clip(subresource), namespace: clip(namespace), path: clip(path) };
}

export function replayView(doc: PolicyDocument, aggregate: ReplayAggregate, query: ShapeQuery, errorLimit = DEFAULT_ERROR_LIMIT): ReplayViewData {
  const policy = doc.lint.policy;
  const page = queryShapes(aggregate.shapes, query);
  return {
    ok: true,
    uri: doc.uri,
    version: doc.version,
    kubernetesVersion: formatKubernetesVersion(doc.settings.kubernetesVersion),
    totals: aggregate.totals,
    rules: aggregate.rules.map((row, i) => {
      const rule = policy.rules[i]!;
      return { ...row, rule: i, range: toRange(doc, rule.source.span), summary: ruleSummary(rule, policy) };
    }),
    unmatched: aggregate.unmatched,
    shapes: { ...page, rows: page.rows.map(displayed) },
    errors: aggregate.errors.slice(0, Math.max(0, errorLimit)),
  };
}
