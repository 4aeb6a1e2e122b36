// kubeAuditPolicy/explainRequest: evaluates a request line (with user and groups) or a pasted audit
// Event against the policy as currently typed, and returns the core's evaluation with the ranges
// the client highlights and the trace as Markdown.
import type { RequestAttributes } from '../core/attributes.ts';
import { evaluate } from '../core/evaluate/evaluate.ts';
import { explainMarkdown } from '../core/describe/explainMarkdown.ts';
import { ruleSummary } from '../core/describe/ruleSummary.ts';
import { eventToAttributes } from '../core/request/auditEvent.ts';
import { toRequestAttributes } from '../core/request/requestInfo.ts';
import { parseRequestLine } from '../core/request/requestLine.ts';
import { ExplainRequest, type ExplainRequestParams, type ExplainRequestResult } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import { runSafe } from './runSafe.ts';
import type { Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

const AUTHENTICATED = 'system:authenticated';

export const explainRequestFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(ExplainRequest, (params, token) =>
      runSafe<ExplainRequestResult>(ctx.log, 'Explain request', token, { ok: false, message: 'The language server failed to explain this request; see its output.' }, async () => {
        const doc = await ctx.policyDocument(params.textDocument.uri);
        if (doc === null) return { ok: false, message: 'This document is not open as an audit policy (apiVersion audit.k8s.io/…, kind Policy).' };
        return explainRequest(doc, params);
      }),
    );
  },
};

type ReadInput = { ok: true; input: 'request' | 'event'; attributes: RequestAttributes; notes: string[] } | { ok: false; message: string };

export function explainRequest(doc: PolicyDocument, params: ExplainRequestParams): ExplainRequestResult {
  const { policy } = doc.lint;
  const read = readInput(params);
  if (!read.ok) return read;
  const evaluation = evaluate(policy, read.attributes, doc.settings.kubernetesVersion);
  const failedField = new Map(evaluation.trace.map((v) => [v.rule, v.field]));
  const rules = policy.rules.map((rule) => {
    const field = failedField.get(rule.index) ?? null;
    const key = field === null ? undefined : rule.source.keys[field];
    return { rule: rule.index, range: toRange(doc, rule.source.span), fieldRange: key ? toRange(doc, key) : null, summary: ruleSummary(rule, policy) };
  });
  const markdown = explainMarkdown({ policy, attributes: read.attributes, evaluation, notes: read.notes });
  return { ok: true, input: read.input, attributes: read.attributes, evaluation, rules, markdown };
}

function readInput(params: ExplainRequestParams): ReadInput {
  const text = params.request.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `The audit Event is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
    const read = eventToAttributes(json);
    return read.ok ? { ok: true, input: 'event', attributes: read.attributes, notes: [] } : { ok: false, message: read.error };
  }
  const line = parseRequestLine(text);
  if (!line.ok) return { ok: false, message: line.error };
  const name = params.user?.trim() ?? '';
  const groups = [...(params.groups ?? [])];
  const notes = line.request.warning ? [line.request.warning] : [];
  // As the CLI: without a user the request has none (failed authentication), whatever the groups.
  if (name === '' && groups.length > 0) notes.push('No user was given, so the request has no user and its groups are ignored.');
  if (name !== '' && name !== 'system:anonymous' && !groups.includes(AUTHENTICATED)) {
    notes.push(`kube-apiserver adds ${AUTHENTICATED} to the groups of every authenticated user; add it to see what a real request by ${name} matches.`);
  }
  return { ok: true, input: 'request', attributes: toRequestAttributes(line.request.info, name === '' ? null : { name, groups }), notes };
}
