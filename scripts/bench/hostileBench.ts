// The hostile policies of issue 15 through the CLI (`npm run bench`): wall and CPU time and peak
// RSS of lint, analyze and explain, each in its own process, the CLI bundled as it ships. Baseline
// measured in the same run: lint of a realistic generated policy, per KiB, so that "linear" reads
// as a ratio (a hostile file costs about what a realistic one of its size costs, not its square).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from './bundle.ts';
import { generatedPolicy } from './generatedPolicies.ts';
import { aliasedUsersAndGroups, flowRules, manyUsersAndGroups, nestedAliases, undefinedAliases, unknownKeys } from './hostilePolicies.ts';
import { median } from './median.ts';

const DIR = '.bench';

interface Run {
  readonly status: number | null;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly last: string;
}

/** The CLI as it ships, and a preload that reports the process's CPU time and peak RSS when it exits. */
async function prepare(): Promise<{ cli: string; preload: string }> {
  mkdirSync(DIR, { recursive: true });
  const cli = await bundle('server/src/cli.ts', join(DIR, 'cli.js'));
  const preload = resolve(DIR, 'usage.cjs');
  writeFileSync(preload, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nusage ${(u.userCPUTime + u.systemCPUTime) / 1000} ${u.maxRSS}\\n`); });\n");
  return { cli, preload };
}

function run(tools: { cli: string; preload: string }, args: readonly string[]): Run {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', tools.preload, tools.cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const wallMs = performance.now() - start;
  const usage = /usage (\S+) (\d+)\s*$/.exec(r.stderr);
  const output = `${r.stdout}${r.stderr.replace(/\s*usage \S+ \d+\s*$/, '')}`.trim().split('\n');
  return { status: r.status, wallMs, cpuMs: Number(usage?.[1] ?? NaN), peakMb: Number(usage?.[2] ?? NaN) / 1024, last: (output.at(-1) ?? '').slice(0, 100) };
}

const CASES: readonly { readonly name: string; readonly text: () => string; readonly commands: readonly string[] }[] = [
  { name: 'two rules of 2,000 users and 2,000 userGroups', text: () => manyUsersAndGroups(), commands: ['lint', 'analyze', 'explain'] },
  { name: 'the same through aliases', text: () => aliasedUsersAndGroups(), commands: ['lint', 'analyze'] },
  { name: 'one rule with 100,000 unknown keys', text: () => unknownKeys(), commands: ['lint'] },
  { name: '5,000 `verbs: [*a]`, anchor undefined', text: () => undefinedAliases(), commands: ['lint'] },
  { name: 'nested aliases, 9 levels of 9', text: () => nestedAliases(9, 9), commands: ['lint'] },
  { name: 'billion laughs, 10 levels of 10', text: () => nestedAliases(10, 10), commands: ['lint'] },
  { name: '30,000 rules in one flow line', text: () => flowRules(), commands: ['lint', 'analyze'] },
];

const argsOf = (command: string, file: string): string[] => (command === 'explain' ? ['explain', file, '--request', 'GET /api/v1/namespaces/default/pods'] : [command, file]);

export async function runHostileBench(log: (line: string) => void = console.log, repeat = 3): Promise<void> {
  const tools = await prepare();
  log(`Hostile policies (issue 15) through the bundled CLI: median of ${repeat} runs, each its own process`);
  const baselineText = generatedPolicy(500, 1);
  const baselineFile = join(DIR, 'realistic-500.yaml');
  writeFileSync(baselineFile, baselineText);
  // Starting Node.js and loading the CLI, which every run pays: `--help` does nothing else.
  const floor = median(Array.from({ length: repeat }, () => run(tools, ['--help']).cpuMs));
  const baseline = median(Array.from({ length: repeat }, () => run(tools, ['lint', baselineFile]).cpuMs));
  const perKiB = (baseline - floor) / (baselineText.length / 1024);
  log(`  floor (start, load the CLI, --help): ${floor.toFixed(0)} ms CPU`);
  log(`  baseline: lint of a generated 500-rule policy (${(baselineText.length / 1024).toFixed(0)} KiB): ${baseline.toFixed(0)} ms CPU, ${perKiB.toFixed(1)} ms per KiB above the floor`);
  for (const c of CASES) {
    const text = c.text();
    const file = join(DIR, `hostile-${CASES.indexOf(c)}.yaml`);
    writeFileSync(file, text);
    const kib = text.length / 1024;
    for (const command of c.commands) {
      const runs = Array.from({ length: repeat }, () => run(tools, argsOf(command, file)));
      const cpu = median(runs.map((r) => r.cpuMs));
      const r = runs[0] as Run;
      // Against the baseline per KiB only where the file is large enough for that to mean something.
      const ratio = kib >= 10 ? ` (x${((cpu - floor) / (perKiB * kib)).toFixed(1)} the baseline per KiB)` : '';
      log(`  ${c.name} (${kib.toFixed(1)} KiB), ${command}: ${median(runs.map((x) => x.wallMs)).toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU${ratio}, peak ${median(runs.map((x) => x.peakMb)).toFixed(0)} MB, exit ${String(r.status)}: ${r.last}`);
    }
  }
}

if (require.main === module) void runHostileBench();
