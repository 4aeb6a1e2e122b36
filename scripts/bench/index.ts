// `npm run bench`: prints figures and ratios; asserts nothing (speed is not a unit-test matter).
// Options: --sizes 100000,1000000 (events per replay log), --gigabyte-list (also stream a 1 GB
// EventList under a small heap limit; slow), --repeat N (runs per replay and hostile-policy
// measurement, medians; 3), --baseline DIR (a checkout whose replay ingest is measured beside
// ours, interleaved). The hover latency part needs `npm run build` (it runs out/server.js).
import { runAnalysisBench } from './analysis.ts';
import { runDiffBench } from './diffBench.ts';
import { runHostileBench } from './hostileBench.ts';
import { runHoverBench } from './hoverBench.ts';
import { runLintBench } from './lintBench.ts';
import { runReplayBench } from './replayBench.ts';
import { runSqlBench } from './sqlBench.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const benches: (() => Promise<void> | void)[] = [
  runLintBench,
  runAnalysisBench,
  () => runDiffBench(),
  () => runHostileBench(console.log, Number(option('--repeat') ?? 3)),
  () => runHoverBench(),
  () =>
    runReplayBench({
      sizes: (option('--sizes') ?? '100000,1000000').split(',').map(Number),
      gigabyteList: process.argv.includes('--gigabyte-list'),
      repeat: Number(option('--repeat') ?? 3),
      baseline: option('--baseline'),
    }),
  () => runSqlBench({ sizes: (option('--sizes') ?? '100000,1000000').split(',').map(Number), repeat: Number(option('--repeat') ?? 3) }),
];

void (async () => {
  for (const bench of benches) await bench();
})();
