// Bundles the four entry points with esbuild. The core is bundled into each of server and CLI,
// so there is one implementation of the semantics and no runtime module resolution.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'out/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker threads of the log reader (server and CLI): found next to them at run time.
  { entryPoints: ['server/src/io/ingestWorker.ts'], outfile: 'out/ingestWorker.js' },
  { entryPoints: ['client/src/webview/view/main.ts'], outfile: 'out/webview/main.js', platform: 'browser', target: 'es2022', format: 'iife' },
  // The one script of every result panel (Explain Request's page and other rendered results).
  { entryPoints: ['client/src/webview/view/resultMain.ts'], outfile: 'out/webview/result.js', platform: 'browser', target: 'es2022', format: 'iife' },
  // Extension-host test suites (test/e2e/exthost): run() entry plus one bundle per suite for mocha.addFile.
  { entryPoints: ['test/e2e/exthost/index.ts', 'test/e2e/exthost/suite/*.test.ts'], outbase: 'test/e2e/exthost', outdir: 'out/test/exthost', external: ['vscode', 'mocha'] },
];
await Promise.all(entries.map((e) => build({ ...common, ...e })));
chmodSync('out/cli.js', 0o755);
