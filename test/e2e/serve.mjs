// `npm start [-- FOLDER]`: VS Code in the browser (code-server) with this extension. With a folder
// (`npm start -- ~/my-policies`) it serves that folder in place: nothing is copied and nothing is
// deleted on exit. Without one it serves a temporary copy of the example workspace, removed on exit.
// Installs code-server on first use (~1 min). Ctrl+C stops the server.
// env: PORT (default 8080; a free port if taken, and it says which), HOST (default 127.0.0.1).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exampleWorkspace, repoRoot } from './paths.mjs';
import { startCodeServer } from './server.mjs';

const USAGE = 'usage: npm start [-- FOLDER]   (FOLDER: the workspace to open; default: a copy of the example workspace)';
const host = process.env.HOST || '127.0.0.1';
const wanted = Number(process.env.PORT || 8080);
const portFree = (port) => new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(false)).listen(port, host, () => srv.close(() => resolve(true)));
});

/** The folder to serve, or undefined for the example workspace; exits with a message on a bad argument. */
function folderArgument(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  if (args.length === 0) return undefined;
  if (args.length > 1 || args[0].startsWith('-')) {
    console.error(`unexpected arguments: ${args.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  // npm runs the script from the package root; INIT_CWD is where `npm start` was typed.
  const folder = path.resolve(process.env.INIT_CWD || process.cwd(), args[0]);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`not a folder: ${folder}\n${USAGE}`);
    process.exit(2);
  }
  return folder;
}

if (!fs.existsSync(path.join(repoRoot, 'out/extension.js'))) {
  console.error('out/extension.js is missing: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const given = folderArgument(process.argv.slice(2));
const workspace = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kube-audit-policy-example-'));
if (!given) fs.cpSync(exampleWorkspace, workspace, { recursive: true });
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
  if (!given) fs.rmSync(workspace, { recursive: true, force: true });
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0));
const free = await portFree(wanted);
try {
  server = await startCodeServer({ extensionPath: repoRoot, workspace, host, port: free ? wanted : undefined });
} catch (e) {
  console.error(e.message);
  await shutdown(1);
}
console.log(`\nVS Code with the Kubernetes Audit Policy extension:\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
if (!free) console.log(`Port ${wanted} is in use, so it listens on port ${server.port} instead (PORT=… picks another).`);
console.log(given
  ? `Your folder, served in place (edits are saved there; nothing is deleted on exit): ${workspace}`
  : `Example workspace (a temporary copy, removed on exit): ${workspace}`);
console.log('Press Ctrl+C to stop.');
server.exited.then((status) => {
  if (stopping) return;
  console.error(`code-server exited unexpectedly (${JSON.stringify(status)}):\n${server.logTail()}`);
  void shutdown(1);
});
