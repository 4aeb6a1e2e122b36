// Every feature of the server, called directly on random policy-like text at random positions,
// must answer without throwing (runSafe would hide a throw behind a fallback, so it is checked
// here, below it). Texts are built from YAML and policy fragments so they reach deep into the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses } from '../../server/src/lsp/codeLens.ts';
import { completion } from '../../server/src/lsp/completion.ts';
import { definition } from '../../server/src/lsp/definition.ts';
import { DocumentCache } from '../../server/src/lsp/documentCache.ts';
import { documentSymbols } from '../../server/src/lsp/documentSymbols.ts';
import { explainRequest } from '../../server/src/lsp/explainRequest.ts';
import { foldingRanges } from '../../server/src/lsp/foldingRanges.ts';
import { hover } from '../../server/src/lsp/hover.ts';
import { RuleHitsStore } from '../../server/src/lsp/ruleHitsStore.ts';
import { resolveSettings } from '../../server/src/lsp/settings.ts';
import { toDiagnostics } from '../../server/src/lsp/toLsp.ts';

const FRAGMENTS = [
  'apiVersion: audit.k8s.io/v1\n', 'kind: Policy\n', 'rules:\n', '  - level: ', 'Metadata', 'None', 'Request', 'RequestResponse', 'metadata',
  '\n', '    ', '  ', '- ', 'verbs: ', 'users: ', 'userGroups: ', 'namespaces: ', 'nonResourceURLs: ', 'omitStages: ', 'resources:', 'group: ',
  'resourceNames: ', '[', ']', '{', '}', ', ', '"', "'", ':', '#', ' # c', '*', '/healthz*', 'pods/exec', '*/status', 'apps', '""', 'get', 'watch',
  'system:nodes', 'RequestReceived', '---\n', '&a ', '*a', '!!str ', '|\n', '>-\n', '\t', '\r\n', '\u{1F600}', '\u0000', 'omitManagedFields: true',
];

test('features never throw on random policy-like text', () => {
  const settings = resolveSettings({ files: ['**/*'] });
  const hits = new RuleHitsStore();
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80, size: 'max' }), fc.nat(), fc.nat(), (parts, a, b) => {
      const text = parts.join('');
      const uri = 'file:///fuzz/audit-policy.yaml';
      const doc = new DocumentCache().get(TextDocument.create(uri, 'yaml', 1, text), settings);
      assert.ok(doc);
      const lines = text.split('\n');
      const line = a % lines.length;
      const position = { line, character: b % ((lines[line]?.length ?? 0) + 1) };
      const params = { textDocument: { uri }, position };
      hits.set(uri, { version: 1, events: 10, hits: doc.lint.policy.rules.map(() => 1) });
      toDiagnostics(doc);
      hover(doc, params, hits);
      completion(doc, params);
      definition(doc, params);
      documentSymbols(doc);
      foldingRanges(doc);
      codeLenses(doc, hits);
      explainRequest(doc, { textDocument: { uri }, request: 'GET /api/v1/namespaces/kube-system/pods/x', user: 'alice', groups: ['system:authenticated'] });
    }),
    { numRuns: 400, seed: 1 },
  );
});
