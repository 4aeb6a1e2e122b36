// Medians of wall-clock and CPU time for the diff and test benches.
import { readFileSync } from 'node:fs';
import { median } from './median.ts';

/** CPU time (ms) of this process and of its waited-for children (Linux /proc; 0 elsewhere). */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields 16 and 17 of /proc/self/stat: cutime and cstime, in clock ticks (100 per second).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1000 + children;
}

export interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Medians of `runs` runs after one warm-up: the machine is shared, and CPU time is what other load disturbs less. */
export function timed(f: () => void, runs: number): Timing {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t, c] = [performance.now(), cpuMs()];
    f();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(7)} ms`;

export const both = (t: Timing): string => `${fmt(t.wall)} (CPU ${t.cpu.toFixed(1)} ms)`;
