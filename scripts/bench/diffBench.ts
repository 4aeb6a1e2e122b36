// Benchmarks of `diff` and `test` (`npm run bench`). In-process (scripts/bench/diffMeasure.ts,
// bundled as the CLI ships and run in its own process): the diff of two 100-rule generated
// policies, and a test file of 1,000 cases loaded and run. Then the whole commands, node start-up
// included, when out/cli.js is built. Targets: diff under 100 ms, test under 1 s.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from './bundle.ts';
import { both, timed } from './timed.ts';

const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.bench');

/** The command's exit status is not the point (generated expectations may fail; policies differ). */
function command(cli: string, args: readonly string[]): () => void {
  return () => {
    try {
      execFileSync(process.execPath, [cli, ...args], { stdio: 'ignore' });
    } catch {
      // Timing only.
    }
  };
}

export async function runDiffBench(log: (line: string) => void = console.log): Promise<void> {
  const measure = await bundle('scripts/bench/diffMeasure.ts', join(DIR, 'diffMeasure.js'), ROOT);
  for (const line of execFileSync(process.execPath, [measure, ROOT, DIR], { encoding: 'utf8' }).trimEnd().split('\n')) log(line);
  const cli = join(ROOT, 'out', 'cli.js');
  if (!existsSync(cli)) {
    log('  (out/cli.js not built: run `npm run build` to time the commands end to end)');
    return;
  }
  const startup = timed(command(cli, ['--help']), 5);
  const test = timed(command(cli, ['test', join(DIR, 'policy-test'), '--format', 'json']), 5);
  const diff = timed(command(cli, ['diff', join(DIR, 'diff', 'before.yaml'), join(DIR, 'diff', 'after.yaml'), '--format', 'json']), 5);
  log(`  whole commands: kube-audit-policy test ${both(test)}; diff of the seed-1 unrelated pair ${both(diff)}; node + CLI start-up alone (--help) ${both(startup)}`);
}

if (require.main === module) void runDiffBench();
