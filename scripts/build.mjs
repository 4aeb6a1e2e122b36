// Bundles the entry points with esbuild. The core is bundled into each of server and CLI (desktop
// and browser), so there is one implementation of the semantics and no runtime module resolution.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';

/** Fails a browser bundle that imports a Node built-in (`node:fs`, `path`, …) anywhere, and names the importer. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !builtins.has(name.split('/')[0])) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" in a browser bundle (imported by ${args.importer}): keep it behind the desktop entries` }] };
    });
  },
};
/** vscode.dev and github.dev: the extension host and the server's Web Worker have no Node. */
const browser = { platform: 'browser', target: 'es2022', plugins: [noNodeBuiltins] };

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
  { entryPoints: ['client/src/browser/extension.ts'], outfile: 'out/browser/extension.js', external: ['vscode'], ...browser },
  { entryPoints: ['server/src/browserServer.ts'], outfile: 'out/browser/server.js', format: 'iife', ...browser },
  // Extension-host test suites (test/e2e/exthost): run() entry plus one bundle per suite for mocha.addFile.
  { entryPoints: ['test/e2e/exthost/index.ts', 'test/e2e/exthost/suite/*.test.ts'], outbase: 'test/e2e/exthost', outdir: 'out/test/exthost', external: ['vscode', 'mocha'] },
];
await Promise.all(entries.map((e) => build({ ...common, ...e })));
chmodSync('out/cli.js', 0o755);
