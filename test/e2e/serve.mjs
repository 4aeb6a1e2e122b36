// `npm start`: VS Code in the browser (code-server) with this extension and a copy of the example
// workspace. Installs code-server on first use (~1 min). Ctrl+C stops the server and removes the copy.
// env: PORT (default 8080, a free port if taken), HOST (default 127.0.0.1).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exampleWorkspace, repoRoot } from './paths.mjs';
import { startCodeServer } from './server.mjs';

const host = process.env.HOST || '127.0.0.1';
const wanted = Number(process.env.PORT || 8080);
const portFree = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(false)).listen(port, host, () => srv.close(() => resolve(true)));
});

if (!fs.existsSync(path.join(repoRoot, 'out/extension.js'))) {
  console.error('out/extension.js is missing: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-audit-policy-example-'));
fs.cpSync(exampleWorkspace, workspace, { recursive: true });
let server;
let stopping = false;
/** Ctrl+C (also during the first-run install and start-up), termination, or code-server dying. */
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  if (server) {
    console.log('\nstopping code-server ...');
    await server.stop();
  }
  fs.rmSync(workspace, { recursive: true, force: true });
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0));
try {
  server = await startCodeServer({ extensionPath: repoRoot, workspace, host, port: await portFree(wanted) ? wanted : undefined });
} catch (e) {
  console.error(e.message);
  await shutdown(1);
}
console.log(`\nVS Code with the Kubernetes Audit Policy extension:\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
console.log(`Example workspace (a temporary copy, removed on exit): ${workspace}`);
console.log('Press Ctrl+C to stop.');
server.exited.then((status) => {
  if (stopping) return;
  console.error(`code-server exited unexpectedly (${JSON.stringify(status)}):\n${server.logTail()}`);
  void shutdown(1);
});
