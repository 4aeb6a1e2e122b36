// Compare with…: the policy as typed (NEW) against a baseline text the client read (OLD: the saved
// file, git HEAD, another file), decided exactly by the core's diff under the document's release,
// each change with a witness as Explain Request takes it and where its new rule is.
import { DEFAULT_ANALYSIS_BUDGET } from '../core/analysis/analyzePolicy.ts';
import { CHANGE_KINDS } from '../core/diff/describeChange.ts';
import { diffPolicies, type PolicyChange } from '../core/diff/diffPolicies.ts';
import { typedRequest } from '../core/explain/typedRequest.ts';
import { formatKubernetesVersion } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import { ComparePoliciesRequest, type ComparePoliciesParams, type ComparePoliciesResult, type PolicyChangeView } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import { runSafe } from './runSafe.ts';
import type { Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

/** An explicit command, re-run after edits: more than a keystroke's analysis, far less than the CLI's. */
export const COMPARE_BUDGET = DEFAULT_ANALYSIS_BUDGET * 20;

export const comparePoliciesFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(ComparePoliciesRequest, (params, token) =>
      runSafe<ComparePoliciesResult>(ctx.log, 'Comparing policies', token, { ok: false, message: 'The comparison failed; see the language server output.' }, async () => {
        const doc = await ctx.policyDocument(params.textDocument.uri);
        if (!doc) return { ok: false, message: 'This document is not open as an audit policy (apiVersion audit.k8s.io/…, kind Policy).' };
        return comparePolicies(doc, params);
      }),
    );
  },
};

const errorsOf = (findings: readonly { readonly severity: string }[]): number => findings.filter((f) => f.severity === 'error').length;

export function comparePolicies(doc: PolicyDocument, params: ComparePoliciesParams): ComparePoliciesResult {
  const v = doc.settings.kubernetesVersion;
  const baseline = loadPolicy(params.baseline, v);
  const diff = diffPolicies({ policy: baseline.policy, kubernetesVersion: v }, { policy: doc.lint.policy, kubernetesVersion: v }, { budget: COMPARE_BUDGET });
  if (!diff.complete) {
    return { ok: false, message: 'The comparison is too costly to decide in the editor (long userGroups or nonResourceURLs lists). Run `kube-audit-policy diff OLD NEW`, which may spend more.' };
  }
  const refused: string[] = [];
  const release = formatKubernetesVersion(v);
  const [old, now] = [errorsOf(baseline.findings), errorsOf(doc.lint.findings)];
  if (old > 0) refused.push(`The baseline has ${old} error${old === 1 ? '' : 's'}: kube-apiserver ${release} would refuse it; the rules that could be read are compared.`);
  if (now > 0) refused.push(`The policy as typed has ${now} error${now === 1 ? '' : 's'}: kube-apiserver ${release} would refuse it; the rules that could be read are compared.`);
  // Grouped as the CLI's text output groups them (by kind), security-relevant first within a kind.
  const ordered = CHANGE_KINDS.flatMap((kind) => diff.changes.filter((c) => c.classification.kind === kind).sort((a, b) => Number(b.security.length > 0) - Number(a.security.length > 0)));
  return { ok: true, version: doc.version, kubernetesVersion: release, equivalent: diff.equivalent, changes: ordered.map((c) => changeView(doc, c)), refused };
}

function changeView(doc: PolicyDocument, c: PolicyChange): PolicyChangeView {
  const typed = typedRequest(c.witness.attributes);
  const witness = typed
    ? { description: c.witness.description, request: typed.request, ...(typed.user === '' && c.witness.attributes.user === null ? {} : { user: typed.user, groups: typed.groups }) }
    : { description: c.witness.description, request: JSON.stringify(c.witness.event) };
  const rule = c.after.rule === null ? undefined : doc.lint.policy.rules[c.after.rule];
  return {
    before: c.before,
    after: c.after,
    kind: c.classification.kind,
    more: c.classification.more,
    less: c.classification.less,
    security: c.security.map((s) => ({ kind: s.kind, message: s.message })),
    requests: c.requests,
    regionCount: c.regionCount,
    witness,
    afterRange: rule ? toRange(doc, rule.source.span) : null,
  };
}
