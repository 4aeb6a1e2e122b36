// kubeAuditPolicy/clickHouseSql: the policy as currently typed compiled to the summary SELECT of
// `kube-audit-policy sql` (core/sql), over its default source, for "Copy as ClickHouse SQL".
import { SUMMARY_DEFAULTS, summarySql } from '../core/sql/compileSql.ts';
import { DEFAULT_SOURCE } from '../core/sql/sourceColumns.ts';
import { ClickHouseSqlRequest, type ClickHouseSqlResult } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import { runSafe } from './runSafe.ts';
import type { Feature } from './serverContext.ts';

export const clickHouseSqlFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(ClickHouseSqlRequest, (params, token) =>
      runSafe<ClickHouseSqlResult>(ctx.log, 'ClickHouse SQL', token, { ok: false, message: 'The language server failed to compile this policy; see its output.' }, async () => {
        const doc = await ctx.policyDocument(params.textDocument.uri);
        if (doc === null) return { ok: false, message: 'This document is not open as an audit policy (apiVersion audit.k8s.io/…, kind Policy).' };
        return clickHouseSql(doc);
      }),
    );
  },
};

export function clickHouseSql(doc: PolicyDocument): ClickHouseSqlResult {
  const { policy, findings } = doc.lint;
  const sql = summarySql(policy, { source: DEFAULT_SOURCE, kubernetesVersion: doc.settings.kubernetesVersion, ...SUMMARY_DEFAULTS });
  return { ok: true, sql, ...DEFAULT_SOURCE, errors: findings.filter((f) => f.severity === 'error').length };
}
