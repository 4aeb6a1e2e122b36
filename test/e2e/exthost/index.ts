// The extension-host test entry, in @vscode/test-electron's contract: VS Code loads this module in the
// extension host and awaits `run()`; a rejection is a failed run. Runs every bundled suite next to it.
// Launched by ../exthost.test.mjs (code-server) or ../testElectron.mjs (a downloaded VS Code).
import fs from 'node:fs';
import path from 'node:path';

export async function run(): Promise<void> {
  // mocha 12 is an ES module: import() loads it on any Node, require() only where require(esm) works
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const suites = path.join(__dirname, 'suite');
  const only = process.env['EXTHOST_SUITES']?.split(',').filter((s) => s !== '');
  for (const f of fs.readdirSync(suites).sort()) {
    if (f.endsWith('.test.js') && (!only || only.includes(f.replace(/\.test\.js$/, '')))) mocha.addFile(path.join(suites, f));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  // A marker the launcher greps: the workbench's own log lines share the same output.
  console.log(`MOCHA_RESULT failures=${failures}`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
