// The browser build (package.json `browser`: out/browser/extension.js, its server in a Web Worker)
// in VS Code for the Web as code-server serves it. `remote.extensionKind: ui` makes the workbench
// run the extension in the browser's web worker extension host, as vscode.dev and github.dev do,
// instead of on code-server's Node. Diagnostics, hovers and a policy test file (its policy read
// through workspace.fs) come from the worker; replay says that it needs the desktop app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { repoRoot } from './paths.mjs';
import { workbenchSession } from './session.mjs';
import { activeEditor, hover, openFile, runCommand, waitForProblem } from './workbench.mjs';

const EXTENSION_ID = (() => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
})();

/** Never opened in the editor: the server can only get it through the client's workspace.fs. */
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
  resources:
  - group: ""
    resources: ["pods"]
- level: None
`;
const TEST_FILE = `apiVersion: kube-audit-policy/v1alpha1
kind: PolicyTest
policy: web-audit-policy.yaml
cases:
- name: pod reads are logged at Metadata
  request: GET /api/v1/namespaces/default/pods/web
  user: alice
  expect: {level: Metadata, rule: 0}
- name: a wrong expectation
  request: GET /api/v1/namespaces/default/secrets/db
  user: bob
  expect: {level: Metadata}
`;

const consoleLines = [];
const session = workbenchSession('web', {
  prepare(ws) {
    fs.writeFileSync(path.join(ws, 'policies/web-audit-policy.yaml'), POLICY);
    fs.writeFileSync(path.join(ws, 'policies/web.test.yaml'), TEST_FILE);
  },
  settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['ui'] } },
  // The extension, its client and its worker log in the browser, not in code-server's log files.
  onPage(page) {
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  },
  failureContext: () => `--- browser console ---\n${consoleLines.slice(-40).join('\n')}`,
});
const withLogs = (fn) => session.withLogs(fn);
let server;
let page;
// The tests below use these names, set once the session is ready.
before(async () => ({ server, page } = await session.ready));

test('the extension runs in the browser: replay answers that it needs the desktop app', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  await runCommand(page, 'Kubernetes Audit Policy: Replay Audit Logs…');
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Replay reads audit logs from disk and needs the desktop app' });
  await toast.first().waitFor({ timeout: 30_000 });
  // Nothing of it ran on code-server's Node extension host.
  assert.doesNotMatch(server.extensionLog(), /Replay: /);
}));

test('diagnostics from the Web Worker server in the Problems panel', () => withLogs(async () => {
  await openFile(page, 'policies/falco-example-v1beta1.yaml');
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  const rows = await waitForProblem(page, /unsupported-api-version/, { filter: 'unsupported-api-version' });
  assert.match(rows.find((r) => /unsupported-api-version/.test(r)), /kube-audit-policy/);
}));

test('a hover on a rule shows its summary', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  const text = await hover(page, 'level', /Rule 0/);
  assert.match(text, /Rule 0.*RequestResponse/s);
}));

test('a policy test file runs against its policy, read through workspace.fs', () => withLogs(async () => {
  await openFile(page, 'policies/web.test.yaml');
  assert.match(await hover(page, 'alice', /Passes|Fails|Cannot run/), /Passes/);
  assert.match(await hover(page, 'bob', /Passes|Fails|Cannot run/), /Fails: it expects level Metadata, but rule 1 matches: not logged/);
}));
