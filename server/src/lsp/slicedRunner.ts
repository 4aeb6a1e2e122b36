// Runs stepped work (the core's analysisSteps) off the request path: a few milliseconds of steps,
// then the event loop gets its turn (requests, edits, cancellations are handled in between), then
// the next slice. One job per key (a document): starting another for the same key, or cancelling
// it, stops the one running, which then resolves with undefined and never with a result.
//
// Cooperative slicing rather than a worker thread: the same code runs where the server itself runs
// in a browser Web Worker, the analysis reads the policy the request handlers read (no copy across
// threads), and its budget already bounds its time and memory, so it needs no thread to be killed.
import type { Steps } from '../core/analysis/cubeSets.ts';
import { nextTurn } from './nextTurn.ts';

/** Steps taken before yielding; each step is itself a few milliseconds of work at most (budget.ts). */
export const SLICE_MS = 5;

interface Job {
  cancelled: boolean;
}

export class SlicedRunner {
  private readonly jobs = new Map<string, Job>();

  /**
   * The steps' result; undefined when cancelled or replaced by a newer job of the same key.
   * `progress` sees the work each step reports.
   */
  run<T>(key: string, steps: Steps<T>, progress: (work: number) => void = () => undefined): Promise<T | undefined> {
    this.cancel(key);
    const job: Job = { cancelled: false };
    this.jobs.set(key, job);
    const finish = (): void => {
      if (this.jobs.get(key) === job) this.jobs.delete(key);
    };
    return new Promise<T | undefined>((resolve, reject) => {
      const slice = (): void => {
        if (job.cancelled) {
          steps.return(undefined as T);
          resolve(undefined);
          return;
        }
        const end = performance.now() + SLICE_MS;
        try {
          for (;;) {
            const next = steps.next();
            if (next.done) {
              finish();
              resolve(next.value);
              return;
            }
            progress(next.value);
            if (performance.now() >= end) break;
          }
        } catch (e) {
          finish();
          reject(e);
          return;
        }
        nextTurn(slice);
      };
      nextTurn(slice);
    });
  }

  cancel(key: string): void {
    const job = this.jobs.get(key);
    if (job) job.cancelled = true;
    this.jobs.delete(key);
  }

  /** Jobs started and neither finished nor cancelled. */
  get running(): number {
    return this.jobs.size;
  }

  dispose(): void {
    for (const key of [...this.jobs.keys()]) this.cancel(key);
  }
}
