// One lint per document version and settings: every feature asks the cache, so a hover, a code
// lens and the diagnostics of the same version share one parse and one lint. Documents that are not
// audit policies are remembered as such (null) and never linted. The reachability analysis of the
// newest version runs in slices after the rest of lint (slicedRunner.ts); until it is done the
// document has no analysis and no reachability findings, then the cache holds the complete one.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSteps, type PolicyAnalysis } from '../core/analysis/analyzePolicy.ts';
import { lintBeforeAnalysis, type LintResult } from '../core/lint.ts';
import { LineIndex } from '../core/span.ts';
import { isAuditPolicy } from './isAuditPolicy.ts';
import { errorText, type Log } from './runSafe.ts';
import type { ServerSettings } from './settings.ts';
import type { SlicedRunner } from './slicedRunner.ts';

export interface PolicyDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly settings: ServerSettings;
  readonly lint: LintResult;
  /** The reachability analysis; absent while it runs (lint then has no reachability findings). */
  readonly analysis?: PolicyAnalysis;
}

interface Entry {
  readonly version: number;
  readonly settingsKey: string;
  doc: PolicyDocument | null;
  /** Once the analysis is done (or stopped), or has worked long enough to publish the rest without it. */
  readonly settled: Promise<void>;
}

/**
 * Work units after which a document's other findings are published without waiting for its
 * analysis (a tenth of the budget, some 20-50 ms): below it diagnostics are published once, with
 * the reachability findings, so they do not flicker on every edit. Counted in work, not time, so
 * the same policy is published the same way on a busy machine.
 */
export const QUICK_ANALYSIS_UNITS = 100_000;

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly runner: SlicedRunner,
    /** Runs when a document's analysis is done and it is still the cached version. */
    private readonly onAnalysed: (doc: PolicyDocument) => void,
    private readonly log: Log,
  ) {}

  /** The linted document, or null when it is not an audit policy. Starts the analysis of a new version. */
  get(document: TextDocument, settings: ServerSettings): PolicyDocument | null {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.settingsKey === settings.key) return cached.doc;
    this.runner.cancel(document.uri);
    const text = document.getText();
    if (!isAuditPolicy(document.uri, text, settings.files)) {
      this.entries.set(document.uri, { version: document.version, settingsKey: settings.key, doc: null, settled: Promise.resolve() });
      return null;
    }
    const staged = lintBeforeAnalysis(text, { kubernetesVersion: settings.kubernetesVersion, severities: settings.severities });
    const doc: PolicyDocument = { uri: document.uri, version: document.version, text, lines: new LineIndex(text), settings, lint: staged.result };
    const steps = analysisSteps(doc.lint.policy, { kubernetesVersion: settings.kubernetesVersion });
    let slow = (): void => undefined;
    const slowed = new Promise<void>((done) => {
      slow = done;
    });
    const analysed = this.runner
      .run(document.uri, steps, (work) => {
        if (work >= QUICK_ANALYSIS_UNITS) slow();
      })
      .then(
        (analysis) => {
          if (analysis === undefined || this.entries.get(document.uri) !== entry) return;
          entry.doc = { ...doc, lint: staged.withAnalysis(analysis), analysis };
          this.onAnalysed(entry.doc);
        },
        (e: unknown) => {
          // A bug in the analysis: the document keeps the rest of its findings.
          this.log(`Analysing ${document.uri} failed: ${errorText(e)}`);
        },
      );
    const entry: Entry = { version: document.version, settingsKey: settings.key, doc, settled: Promise.race([analysed, slowed]) };
    this.entries.set(document.uri, entry);
    return doc;
  }

  /** The cached state of a document (analysed or not) without linting anything. */
  peek(uri: string): PolicyDocument | null | undefined {
    return this.entries.get(uri)?.doc;
  }

  /** Resolves when the cached version's diagnostics should be published (see QUICK_ANALYSIS_UNITS). */
  settled(uri: string): Promise<void> {
    return this.entries.get(uri)?.settled ?? Promise.resolve();
  }

  /** Forgets the document (changed or closed): its analysis stops and is never published. */
  delete(uri: string): void {
    this.runner.cancel(uri);
    this.entries.delete(uri);
  }
}
