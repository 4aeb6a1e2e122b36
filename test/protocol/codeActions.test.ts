// Quick fixes over the protocol, against the in-process server and the spawned out/server.js (run
// `npm run build` first): textDocument/codeAction for a published diagnostic returns the fix with that
// diagnostic, a workspace edit that resolves it, and "fix all" when asked for source.fixAll.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startSession, TRANSPORTS, type LspSession } from './lspSession.ts';

const TEXT = [
  'apiVersion: audit.k8s.io/v1beta1',
  'kind: Policy',
  'rules:',
  '- level: None',
  '  resource: ["x"]',
  '  verb: [get]',
  '- level: metadata',
  '',
].join('\n');

const apply = (uri: string, text: string, action: CodeAction | undefined): string =>
  TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), (action?.edit?.changes?.[uri] ?? []) as TextEdit[]);

for (const transport of TRANSPORTS) {
  describe(`quick fixes (${transport})`, () => {
    let s: LspSession;
    let counter = 0;
    before(async () => {
      s = await startSession(transport);
    });
    after(async () => {
      await s.dispose();
    });

    async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
      const uri = `file:///work/${transport}/fix${++counter}-audit-policy.yaml`;
      await s.open(uri, text);
      return { uri, diagnostics: (await s.diagnostics(uri)).diagnostics };
    }

    it('offers the fix of the diagnostic under the cursor, and its edit resolves it', async () => {
      const { uri, diagnostics } = await open(TEXT);
      const verb = diagnostics.find((d) => d.code === 'unknown-field' && d.range.start.line === 5);
      assert.ok(verb, JSON.stringify(diagnostics));
      const all = (await s.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: verb.range, context: { diagnostics: [verb] } })) as CodeAction[];
      // The rule also matches every request once kube-apiserver drops both unknown fields: the
      // catch-all move is offered too (its diagnostic spans the rule), without the verb diagnostic.
      assert.ok(all.some((a) => a.title === 'Move rule 0 (it matches every request) to the end' && a.diagnostics === undefined));
      const actions = all.filter((a) => a.diagnostics !== undefined);
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind, a.isPreferred]),
        [
          ["Rename 'verb' to 'verbs'", CodeActionKind.QuickFix, true],
          ["Remove 'verb' (kube-apiserver ignores it)", CodeActionKind.QuickFix, false],
        ],
      );
      assert.deepEqual(actions[0]?.diagnostics, [verb]);
      const fixed = apply(uri, TEXT, actions[0]);
      assert.match(fixed, /^ {2}verbs: \[get\]$/m);
      await s.change(uri, fixed, 2);
      const after = await s.diagnostics(uri, (p) => p.version === 2);
      assert.ok(!after.diagnostics.some((d) => d.code === 'unknown-field' && d.range.start.line === 5));
    });

    it('fix all applies the preferred fixes together', async () => {
      const { uri } = await open(TEXT);
      const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
        context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] },
      })) as CodeAction[];
      assert.equal(actions.length, 1);
      assert.equal(
        apply(uri, TEXT, actions[0]),
        // `resource: ["x"]` stays: strings cannot be a rule's resources, and removing it is not preferred.
        ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None', '  resource: ["x"]', '  verbs: [get]', '- level: Metadata', ''].join('\n'),
      );
    });

    it('answers nothing for YAML that is not a policy', async () => {
      const uri = `file:///work/${transport}/deployment.yaml`;
      await s.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n');
      const actions = await s.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions, []);
    });
  });
}
