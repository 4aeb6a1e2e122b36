// The shape of one check: it reads the loaded policy (and the catalog, through the context) and
// yields findings. Checks never throw on user input and never see the LSP or the file system.
import type { PolicyAnalysis } from '../analysis/analyzePolicy.ts';
import { cachedAnalysis } from '../analysis/cachedAnalysis.ts';
import type { Finding } from '../findings.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';

/** Names a memoised result and its type, so checks sharing an analysis agree on both. */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: carries T for the type checker. */
  readonly type?: T;
}

export const memoKey = <T>(name: string): MemoKey<T> => ({ name });

export interface CheckContext {
  readonly policy: Policy;
  /** The whole source text (for comments and exact spans). */
  readonly text: string;
  readonly kubernetesVersion: KubernetesVersion;
  /** Computes a result shared by several checks (e.g. the reachability analysis) once per lint run. */
  readonly memo: <T>(key: MemoKey<T>, compute: () => T) => T;
  /**
   * The policy's reachability analysis; undefined when it is not available yet (the language server
   * runs it in slices after publishing the other findings, then runs the checks that asked again).
   */
  readonly analysis: () => PolicyAnalysis | undefined;
}

export type Check = (ctx: CheckContext) => Iterable<Finding>;

export function createCheckContext(
  policy: Policy,
  text: string,
  kubernetesVersion: KubernetesVersion,
  analysis: () => PolicyAnalysis | undefined = () => cachedAnalysis(policy, kubernetesVersion),
): CheckContext {
  const results = new Map<MemoKey<unknown>, unknown>();
  return {
    policy,
    text,
    kubernetesVersion,
    analysis,
    memo: <T>(key: MemoKey<T>, compute: () => T): T => {
      if (!results.has(key)) results.set(key, compute());
      return results.get(key) as T;
    },
  };
}
