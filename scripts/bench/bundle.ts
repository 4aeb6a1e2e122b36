// Measurements run bundled as the product ships them (esbuild, plain node, no TypeScript loader):
// under tsx every closure made also calls its name helper, and worker threads would inherit the
// loader's flags and spend ~100 ms each registering it.
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** `entry` (relative to `root`, another checkout for a baseline) bundled into `outfile`; its absolute path. */
export async function bundle(entry: string, outfile: string, root = '.'): Promise<string> {
  const out = resolve(outfile);
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: resolve(root) });
  return out;
}
