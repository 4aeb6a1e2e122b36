// Every feature of the server, called directly on random policy-like text at random positions,
// must answer without throwing (runSafe would hide a throw behind a fallback, so it is checked
// here, below it), both while the document's analysis runs and once it is done. Texts are built
// from YAML and policy fragments so they reach deep into the code; hostile ones (deep nesting, huge
// flow lines, alias webs, long strings) must load into findings with spans inside the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { lintBeforeAnalysis } from '../../server/src/core/lint.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { codeLenses } from '../../server/src/lsp/codeLens.ts';
import { completion } from '../../server/src/lsp/completion.ts';
import { definition } from '../../server/src/lsp/definition.ts';
import type { PolicyDocument } from '../../server/src/lsp/documentCache.ts';
import { documentSymbols } from '../../server/src/lsp/documentSymbols.ts';
import { explainRequest } from '../../server/src/lsp/explainRequest.ts';
import { foldingRanges } from '../../server/src/lsp/foldingRanges.ts';
import { hover } from '../../server/src/lsp/hover.ts';
import { RuleHitsStore } from '../../server/src/lsp/ruleHitsStore.ts';
import { resolveSettings, type ServerSettings } from '../../server/src/lsp/settings.ts';
import { toDiagnostics } from '../../server/src/lsp/toLsp.ts';

const FRAGMENTS = [
  'apiVersion: audit.k8s.io/v1\n', 'kind: Policy\n', 'rules:\n', '  - level: ', 'Metadata', 'None', 'Request', 'RequestResponse', 'metadata',
  '\n', '    ', '  ', '- ', 'verbs: ', 'users: ', 'userGroups: ', 'namespaces: ', 'nonResourceURLs: ', 'omitStages: ', 'resources:', 'group: ',
  'resourceNames: ', '[', ']', '{', '}', ', ', '"', "'", ':', '#', ' # c', '*', '/healthz*', 'pods/exec', '*/status', 'apps', '""', 'get', 'watch',
  'system:nodes', 'RequestReceived', '---\n', '&a ', '*a', '&b ', '*b', '<<: ', '!!str ', '|\n', '>-\n', '\t', '\r\n', '\u{1F600}', '\u0000', '\u202E',
  'omitManagedFields: true', '? ', 'x'.repeat(5000),
];

const SETTINGS = resolveSettings({ files: ['**/*'] });
const URI = 'file:///fuzz/audit-policy.yaml';

/** The document as the cache holds it: before its analysis is done, and after. */
function documents(text: string, settings: ServerSettings): PolicyDocument[] {
  const staged = lintBeforeAnalysis(text, { kubernetesVersion: settings.kubernetesVersion });
  const pending: PolicyDocument = { uri: URI, version: 1, text, lines: new LineIndex(text), settings, lint: staged.result };
  const analysis = analyzePolicy(staged.result.policy, { kubernetesVersion: settings.kubernetesVersion });
  return [pending, { ...pending, lint: staged.withAnalysis(analysis), analysis }];
}

function everyFeature(doc: PolicyDocument, hits: RuleHitsStore, position: { line: number; character: number }): void {
  const params = { textDocument: { uri: URI }, position };
  hits.set(URI, { version: 1, events: 10, hits: doc.lint.policy.rules.map(() => 1) });
  for (const d of toDiagnostics(doc)) {
    assert.ok(d.range.start.line < doc.lines.lineCount && d.range.end.line < doc.lines.lineCount, `diagnostic outside the text: ${JSON.stringify(d.range)}`);
  }
  hover(doc, params, hits);
  completion(doc, params);
  definition(doc, params);
  documentSymbols(doc);
  foldingRanges(doc);
  codeLenses(doc, hits);
  explainRequest(doc, { textDocument: { uri: URI }, request: 'GET /api/v1/namespaces/kube-system/pods/x', user: 'alice', groups: ['system:authenticated'] });
}

test('features never throw on random policy-like text, analysed or not', () => {
  const hits = new RuleHitsStore();
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80, size: 'max' }), fc.nat(), fc.nat(), (parts, a, b) => {
      const text = parts.join('');
      const lines = text.split('\n');
      const line = a % lines.length;
      const position = { line, character: b % ((lines[line]?.length ?? 0) + 1) };
      for (const doc of documents(text, SETTINGS)) everyFeature(doc, hits, position);
    }),
    { numRuns: 300, seed: 1 },
  );
});

const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

/** Hostile shapes, each scaled by n: what a fuzzer (or a bad generator script) feeds an editor. */
const HOSTILE: readonly ((n: number) => string)[] = [
  (n) => `${HEADER}rules: ${'['.repeat(n * 50)}${']'.repeat(n * 50)}\n`,
  (n) => `${HEADER}rules:\n${Array.from({ length: n * 20 }, (_, i) => `${'  '.repeat(i + 1)}- x:\n`).join('')}`,
  (n) => `${HEADER}rules: [${Array.from({ length: n * 50 }, (_, i) => `{level: ${i % 3 ? 'None' : 'Metadata'}, users: [u${i % 7}], verbs: [v${i}]}`).join(', ')}]\n`,
  (n) => `${HEADER}rules:\n  - level: Metadata\n    users: ["${'\\u0041'.repeat(n * 2000)}"]\n    nonResourceURLs: ["/${'a'.repeat(n * 5000)}*"]\n`,
  (n) => `${HEADER}x: &a [${Array.from({ length: 8 }, (_, i) => `v${i}`).join(', ')}]\n${Array.from({ length: n }, (_, i) => `y${i}: &a${i} [*a, *a, *a${i > 0 ? `, *a${i - 1}` : ''}]`).join('\n')}\nrules:\n  - level: Metadata\n    verbs: *a${n - 1}\n`,
  (n) => `${HEADER}x: &r {level: None, users: [a, b]}\nrules: [${Array.from({ length: n * 20 }, () => '*r').join(', ')}, {<<: *r, level: Metadata}]\n`,
  (n) => `${HEADER}rules:\n  - level: Metadata\n${Array.from({ length: n * 100 }, (_, i) => `    k${i % 50}: ${i}\n`).join('')}`,
  (n) => `${HEADER}rules:\n${Array.from({ length: n * 10 }, (_, i) => `  - level: RequestResponse\n    userGroups: [${Array.from({ length: 20 }, (_, k) => `g${(i * 3 + k) % 60}`).join(', ')}]\n    resources: [{group: "", resources: ["*/status", pods/exec]}]\n`).join('')}`,
  (n) => `${HEADER}rules:\n${'  - level: Metadata\n    verbs: [*undefined]\n'.repeat(n * 10)}`,
  (n) => `${HEADER}${'# c\n'.repeat(n * 100)}rules:\n${'  # kube-audit-policy-disable\n  - level: None\n'.repeat(n * 5)}`,
];

test('hostile policies load into findings inside the text, and every feature still answers', () => {
  const hits = new RuleHitsStore();
  fc.assert(
    fc.property(fc.nat(HOSTILE.length - 1), fc.integer({ min: 1, max: 12 }), fc.nat(), (which, n, at) => {
      const text = (HOSTILE[which] as (n: number) => string)(n);
      for (const doc of documents(text, SETTINGS)) {
        for (const f of doc.lint.findings) assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length, `${f.code} at ${f.span.start}-${f.span.end}`);
        const line = at % doc.lines.lineCount;
        everyFeature(doc, hits, { line, character: at % 40 });
      }
    }),
    { numRuns: 60, seed: 2 },
  );
});
