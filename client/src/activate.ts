// Activation shared by the desktop and the browser extension: the output channel, the explain
// documents, the commands and the policy tests over a language client the platform creates. What
// only one platform has (replay on the desktop, reading files for the server in the browser) is
// the platform's `register`.
import { commands, window, workspace, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ClientContext } from './clientContext.ts';
import { registerDocumentationActions } from './codeDocumentationLinks.ts';
import { COMMANDS, type CommandFactory } from './commands/index.ts';
import { Baselines } from './compare/baselines.ts';
import { watchDocumentKind } from './documentKindContext.ts';
import { EXPLAIN_SCHEME, ExplainDocuments } from './explainDocuments.ts';
import { RuleHighlighter } from './ruleHighlighter.ts';
import { registerPolicyTests } from './testing/registerPolicyTests.ts';
import { disposeResultPanels } from './webview/resultPanel.ts';

export interface ClientPlatform {
  createClient(extension: ExtensionContext, output: LogOutputChannel): BaseLanguageClient;
  /** Commands only this platform registers (or answers with why it cannot). */
  readonly commands: Readonly<Record<string, CommandFactory>>;
  register(ctx: ClientContext): Disposable;
}

let client: BaseLanguageClient | undefined;

export async function activateOn(platform: ClientPlatform, extension: ExtensionContext): Promise<ClientContext> {
  const output = window.createOutputChannel('Kubernetes Audit Policy', { log: true });
  const explainDocuments = new ExplainDocuments();
  const highlighter = new RuleHighlighter();
  client = platform.createClient(extension, output);
  const baselines = new Baselines();
  const ctx: ClientContext = { extension, client, output, explainDocuments, highlighter, baselines };
  extension.subscriptions.push(output, explainDocuments, highlighter, baselines, workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainDocuments));
  for (const [id, factory] of Object.entries({ ...COMMANDS, ...platform.commands })) extension.subscriptions.push(commands.registerCommand(id, factory(ctx)));
  extension.subscriptions.push(platform.register(ctx), registerPolicyTests(ctx), watchDocumentKind(ctx), disposeResultPanels, registerDocumentationActions());
  try {
    await client.start();
  } catch (e) {
    // Commands stay registered, so Restart Language Server can recover.
    output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return ctx;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
