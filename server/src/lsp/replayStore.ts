// The replay state of the server: one log index per workspace folder (read once, kept until the
// next load) and, per open policy, the aggregate of its latest version, so paging, sorting and
// filtering the panel re-use it instead of re-evaluating.
import type { PolicyDocument } from './documentCache.ts';
import { aggregateReplay } from '../core/replay/aggregateReplay.ts';
import type { ReplayAggregate } from '../core/replay/replayAggregate.ts';
import type { ReplayIndex } from '../core/replay/replayIndex.ts';

export interface LoadedLogs {
  /** Workspace folder URI ("" for logs loaded outside any folder). */
  readonly workspace: string;
  readonly index: ReplayIndex;
  /** Grows with every load, so aggregates of a replaced index are never reused. */
  readonly generation: number;
}

interface CachedAggregate {
  readonly version: number;
  readonly settingsKey: string;
  readonly generation: number;
  readonly aggregate: ReplayAggregate;
}

export class ReplayStore {
  private readonly byWorkspace = new Map<string, LoadedLogs>();
  private readonly aggregates = new Map<string, CachedAggregate>();
  private generation = 0;

  /** `computed` runs after every fresh aggregate (a new version, settings or load), e.g. to publish hits. */
  constructor(private readonly computed: (doc: PolicyDocument, aggregate: ReplayAggregate) => void) {}

  set(workspace: string, index: ReplayIndex): LoadedLogs {
    const logs = { workspace, index, generation: ++this.generation };
    this.byWorkspace.set(workspace, logs);
    return logs;
  }

  /** Forgets the logs of `workspace`; true if there were any. */
  delete(workspace: string): boolean {
    return this.byWorkspace.delete(workspace);
  }

  /** The logs of the innermost loaded workspace folder holding `uri`, else those loaded outside any folder. */
  forDocument(uri: string): LoadedLogs | undefined {
    let best: LoadedLogs | undefined;
    for (const logs of this.byWorkspace.values()) {
      const folder = logs.workspace.replace(/\/+$/, '');
      const inside = folder === '' || uri === folder || uri.startsWith(`${folder}/`);
      if (inside && (best === undefined || folder.length > best.workspace.replace(/\/+$/, '').length)) best = logs;
    }
    return best;
  }

  /** The aggregate of this document version over its logs, computed once per version, settings and load. */
  aggregate(doc: PolicyDocument, logs: LoadedLogs): ReplayAggregate {
    const cached = this.aggregates.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsKey === doc.settings.key && cached.generation === logs.generation) return cached.aggregate;
    const aggregate = aggregateReplay(logs.index, doc.lint.policy, doc.settings.kubernetesVersion);
    this.aggregates.set(doc.uri, { version: doc.version, settingsKey: doc.settings.key, generation: logs.generation, aggregate });
    this.computed(doc, aggregate);
    return aggregate;
  }

  forget(uri: string): void {
    this.aggregates.delete(uri);
  }
}
