// kubeAuditPolicy/explainRequest: evaluates a request line (with user and groups) or a pasted audit
// Event against the policy as currently typed, and returns the core's evaluation with the ranges
// the client highlights and the trace as Markdown.
import { caveatNotes } from '../core/checks/catalog/requestCaveat.ts';
import { evaluate } from '../core/evaluate/evaluate.ts';
import { explainMarkdown } from '../core/describe/explainMarkdown.ts';
import { ruleSummary } from '../core/describe/ruleSummary.ts';
import { eventInput, requestLineInput, type ExplainInput, type ExplainInputResult } from '../core/explain/explainInput.ts';
import { ExplainRequest, type ExplainRequestParams, type ExplainRequestResult } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import { runSafe } from './runSafe.ts';
import type { Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

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

export function explainRequest(doc: PolicyDocument, params: ExplainRequestParams): ExplainRequestResult {
  const { policy } = doc.lint;
  const read = readInput(params);
  if (!read.ok) return { ok: false, message: read.error };
  const { attributes, notes } = read.input;
  const evaluation = evaluate(policy, attributes, doc.settings.kubernetesVersion);
  const failedField = new Map(evaluation.trace.map((v) => [v.rule, v.field]));
  const rules = policy.rules.map((rule) => {
    const field = failedField.get(rule.index) ?? null;
    const key = field === null ? undefined : rule.source.keys[field];
    return { rule: rule.index, range: toRange(doc, rule.source.span), fieldRange: key ? toRange(doc, key) : null, summary: ruleSummary(rule, policy) };
  });
  const allNotes = [...notes, ...caveatNotes(attributes, doc.settings.kubernetesVersion)];
  const markdown = explainMarkdown({ policy, attributes, evaluation, notes: allNotes });
  return { ok: true, input: read.kind, attributes, evaluation, rules, markdown, notes: allNotes };
}

type ReadInput = { readonly ok: true; readonly kind: 'request' | 'event'; readonly input: ExplainInput } | { readonly ok: false; readonly error: string };

/** A pasted audit Event is JSON; anything else is a request line. An empty user box means no user. */
function readInput(params: ExplainRequestParams): ReadInput {
  const text = params.request.trim();
  const kind = text.startsWith('{') ? 'event' : 'request';
  const read = kind === 'request' ? requestLineInput(text, params.user?.trim() || undefined, params.groups ?? []) : eventJsonInput(text);
  return read.ok ? { ok: true, kind, input: read.input } : read;
}

function eventJsonInput(text: string): ExplainInputResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The audit Event is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return eventInput(json);
}
