// What every command factory receives: the extension context, the running language client and the
// output channel. Commands are small functions of this (rust-analyzer's `Ctx` style).
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Baselines } from './compare/baselines.ts';
import type { ExplainDocuments } from './explainDocuments.ts';
import type { RuleHighlighter } from './ruleHighlighter.ts';

export interface ClientContext {
  readonly extension: ExtensionContext;
  /** Over node IPC on the desktop, over postMessage to a Web Worker in the browser. */
  readonly client: BaseLanguageClient;
  readonly output: LogOutputChannel;
  readonly explainDocuments: ExplainDocuments;
  readonly highlighter: RuleHighlighter;
  /** What each policy is compared with (Compare with…), for the replay panel's "vs baseline" column. */
  readonly baselines: Baselines;
}
