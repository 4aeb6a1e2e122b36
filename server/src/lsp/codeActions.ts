// Quick fixes: the core computes text edits for each finding (core/fixes); this module only turns
// them into LSP code actions with workspace edits (undoable in the editor), attached to the matching
// diagnostics. A "fix all" source action applies the core's fix all (every preferred fix, to a fixed point).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding } from '../core/findings.ts';
import type { TextEdit } from '../core/fixes/fix.ts';
import { fixAll } from '../core/fixes/fixAll.ts';
import { fixesFor, fixKey } from '../core/fixes/fixesFor.ts';
import type { PolicyDocument } from './documentCache.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-audit-policy`;

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } },
  register(ctx) {
    ctx.connection.onCodeAction(policyHandler(ctx, 'Code actions', [], codeActions));
  },
};

const wants = (only: readonly string[] | undefined, kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

export function codeActions(doc: PolicyDocument, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const input = { text: doc.text, policy: doc.lint.policy, findings: doc.lint.findings, kubernetesVersion: doc.settings.kubernetesVersion };
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const range = { start: doc.lines.offset(params.range.start), end: doc.lines.offset(params.range.end) };
    const seen = new Set<string>();
    for (const { finding, fixes } of fixesFor(input, range)) {
      const diagnostic = params.context.diagnostics.find((d) => matches(doc, d, finding));
      for (const fix of fixes) {
        // Two findings (missing apiVersion and missing kind) can share one fix: offer it once.
        const key = fixKey(fix);
        if (seen.has(key)) continue;
        seen.add(key);
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
          isPreferred: fix.preferred,
          edit: { changes: { [doc.uri]: toLspEdits(doc, fix.edits) } },
        });
      }
    }
  }
  if (only && wants(only, FIX_ALL_KIND)) {
    const { edits } = fixAll(doc.text, { kubernetesVersion: doc.settings.kubernetesVersion, severities: doc.settings.severities });
    if (edits.length > 0) actions.push({ title: 'Fix all auto-fixable audit policy problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: toLspEdits(doc, edits) } } });
  }
  return actions;
}

function matches(doc: PolicyDocument, d: Diagnostic, f: Finding): boolean {
  if (d.code !== f.code) return false;
  const r = toRange(doc, f.span);
  return r.start.line === d.range.start.line && r.start.character === d.range.start.character && r.end.line === d.range.end.line && r.end.character === d.range.end.character;
}

const toLspEdits = (doc: PolicyDocument, edits: readonly TextEdit[]): LspTextEdit[] => edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
