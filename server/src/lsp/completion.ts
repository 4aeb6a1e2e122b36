// Completion: the core finds the site (key or value of which field) in the possibly half-typed
// text and what fits there; this maps it to LSP items replacing the word being typed.
import type { CompletionItem, TextDocumentPositionParams } from 'vscode-languageserver';
import { completionSite } from '../core/complete/completionSite.ts';
import { completions } from '../core/complete/completionItems.ts';
import { completionItems } from './completionItems.ts';
import type { PolicyDocument } from './documentCache.ts';
import { orPolicyTest, testCompletion } from './policyTest/testFileFeatures.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: ['/', '"', '[', ','] } },
  register(ctx) {
    ctx.connection.onCompletion(orPolicyTest(ctx, 'Test file completion', [], testCompletion, policyHandler(ctx, 'Completion', [], completion)));
  },
};

export function completion(doc: PolicyDocument, params: TextDocumentPositionParams): CompletionItem[] {
  const site = completionSite(doc.text, doc.lines.offset(params.position));
  if (!site) return [];
  return completionItems(completions(site, doc.text.slice(site.word.start, site.word.end), doc.settings.kubernetesVersion), toRange(doc, site.word));
}

