// Garbage where params go, to every method there is: the server's own requests answer as for a
// document that is not open (never -32603 with a JavaScript error, as a hover with `params: null`
// did), methods it does not handle answer "method not found", notifications change nothing, and
// afterwards the open policy is intact and every feature answers as before. Run against the
// server in-process and the built out/server.js.
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import * as lsp from 'vscode-languageserver-protocol';
import { DocumentSymbolRequest, ErrorCodes, HoverRequest, type Message, type ResponseMessage } from 'vscode-languageserver-protocol';
import { GUARDED_METHODS, paramsGuard } from '../../server/src/lsp/paramsGuard.ts';
import * as protocol from '../../server/src/protocol.ts';
import { startSession, TRANSPORTS, type LspSession } from './lspSession.ts';

const SETTINGS = { kubernetesVersion: '', severity: {}, files: ['**/*audit*policy*.y{a,}ml'] };
const URI = 'file:///work/garbage/audit-policy.yaml';
const TEXT = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    users: [system:kube-proxy]\n  - level: Metadata\n';

/** What a broken or hostile client sends as params (absent, null, wrong types, half-right shapes). */
const GARBAGE: readonly unknown[] = [
  null,
  0,
  -1.5,
  'x',
  true,
  [],
  [null, 1],
  {},
  { textDocument: null },
  { textDocument: { uri: 5 }, position: { line: 0, character: 0 } },
  { textDocument: { uri: URI }, position: null, range: 'x', context: { diagnostics: [null] } },
  { textDocument: { uri: URI }, position: { line: -1, character: 'a' } },
  { textDocument: { uri: URI, version: 'x' }, contentChanges: [{ text: 5 }] },
  { textDocument: { uri: URI, version: 99 }, contentChanges: [{ range: { start: { line: -4, character: 0 }, end: null }, text: 'x' }] },
  // Right for a few methods (a didClose of a document that is not open), wrong in every other field.
  { textDocument: { uri: `${URI}.other` }, request: ['GET /'], query: { rule: {} }, files: 'x', key: 'k', id: {}, value: 5, capabilities: null },
];

/** Every request and notification method the protocol packages and protocol.ts declare, by kind. */
function allMethods(): { readonly requests: string[]; readonly notifications: string[] } {
  const requests = new Set<string>();
  const notifications = new Set<string>();
  for (const [name, value] of [...Object.entries(lsp), ...Object.entries(protocol)]) {
    const method = (value as { method?: unknown } | undefined)?.method ?? (value as { type?: { method?: unknown } } | undefined)?.type?.method;
    if (typeof method !== 'string') continue;
    if (/Request(Type)?$/.test(name) || /Request/.test((value as object).constructor.name)) requests.add(method);
    else notifications.add(method);
  }
  // These end the session; initialize is checked below, on its own.
  for (const m of ['initialize', 'shutdown', 'exit']) requests.delete(m);
  notifications.delete('exit');
  return { requests: [...requests], notifications: [...notifications] };
}

test('the guard answers a garbage initialize as a client without capabilities, and passes good params through', () => {
  const passed: Message[] = [];
  const rejected: string[] = [];
  const guard = paramsGuard((m) => rejected.push(m));
  guard.handleMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: null } as Message, (m) => void passed.push(m));
  const good = { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } } as Message;
  guard.handleMessage(good, (m) => void passed.push(m));
  guard.handleMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 5 } } } as Message, (m) => void passed.push(m));
  assert.deepEqual(passed, [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }, good]);
  assert.deepEqual(rejected, ['initialize', 'textDocument/didOpen']);
});

for (const transport of TRANSPORTS) {
  describe(`garbage params (${transport})`, () => {
    let s: LspSession;
    const { requests, notifications } = allMethods();
    const own = GUARDED_METHODS.filter((m) => requests.includes(m));

    before(async () => {
      s = await startSession(transport, SETTINGS);
      await s.open(URI, TEXT);
      await s.diagnostics(URI);
    });
    after(() => s.dispose());

    it('declares the methods it sends garbage to (including the server’s own requests)', () => {
      assert.ok(requests.length > 40 && notifications.length > 15, `${requests.length} requests, ${notifications.length} notifications`);
      for (const m of ['textDocument/hover', 'textDocument/codeAction', protocol.ExplainRequest.method, protocol.ReplayViewRequest.method]) assert.ok(own.includes(m), m);
    });

    it('answers every request, never with an internal error; its own with a result', async () => {
      const symbols = await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
      let id = 0;
      const failures: string[] = [];
      for (const method of requests) {
        for (const params of [undefined, ...GARBAGE]) {
          const response = (await s.raw({ id: `garbage-${++id}`, method, ...(params === undefined ? {} : { params }) })) as ResponseMessage;
          const code = response.error?.code;
          const wrong = own.includes(method) ? response.error !== undefined : code !== ErrorCodes.MethodNotFound && code !== undefined;
          if (wrong) failures.push(`${method} ${JSON.stringify(params)}: ${JSON.stringify(response.error)}`);
        }
      }
      assert.deepEqual(failures, []);
      // Nothing changed: the same outline, and a hover on the first rule as before.
      assert.deepEqual(await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } }), symbols);
    });

    it('ignores garbage notifications: the document and its diagnostics stay as they were', async () => {
      const before = (await s.diagnostics(URI)).diagnostics;
      const symbols = await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
      // Any params naming the document close it: that is a didClose, not garbage.
      const closes = (method: string, params: unknown): boolean => method === 'textDocument/didClose' && typeof (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri === 'string';
      for (const method of notifications) {
        for (const params of [undefined, ...GARBAGE]) if (!closes(method, params)) await s.raw({ method, ...(params === undefined ? {} : { params }) });
      }
      assert.deepEqual(await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } }), symbols);
      const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 3, character: 6 } });
      assert.match(JSON.stringify(hover), /Rule 0/);
      assert.deepEqual((await s.diagnostics(URI)).diagnostics, before);
      const jsErrors = s.logs.filter((l) => /TypeError|Cannot read prop|is not a function|undefined/.test(l));
      assert.deepEqual(jsErrors, []);
    });
  });
}
