// The shape of one check: it reads the loaded policy (and the catalog, through the context) and
// yields findings. Checks never throw on user input and never see the LSP or the file system.
import type { Finding } from '../findings.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';

export interface CheckContext {
  readonly policy: Policy;
  /** The whole source text (for comments and exact spans). */
  readonly text: string;
  readonly kubernetesVersion: KubernetesVersion;
}

export type Check = (ctx: CheckContext) => Iterable<Finding>;
