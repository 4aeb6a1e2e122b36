// One analysis per document version and settings: every feature asks the cache, so a hover, a code
// lens and the diagnostics of the same version share one parse and one lint. Documents that are not
// audit policies are remembered as such (null) and never linted.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, type LintResult } from '../core/lint.ts';
import { LineIndex } from '../core/span.ts';
import { isAuditPolicy } from './isAuditPolicy.ts';
import type { ServerSettings } from './settings.ts';

export interface PolicyDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly settings: ServerSettings;
  readonly lint: LintResult;
}

interface Entry {
  readonly version: number;
  readonly settingsKey: string;
  readonly doc: PolicyDocument | null;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysed document, or null when it is not an audit policy. */
  get(document: TextDocument, settings: ServerSettings): PolicyDocument | null {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.settingsKey === settings.key) return cached.doc;
    const doc = analyze(document, settings);
    this.entries.set(document.uri, { version: document.version, settingsKey: settings.key, doc });
    return doc;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

function analyze(document: TextDocument, settings: ServerSettings): PolicyDocument | null {
  const text = document.getText();
  if (!isAuditPolicy(document.uri, text, settings.files)) return null;
  const result = lint(text, { kubernetesVersion: settings.kubernetesVersion, severities: settings.severities });
  return { uri: document.uri, version: document.version, text, lines: new LineIndex(text), settings, lint: result };
}
