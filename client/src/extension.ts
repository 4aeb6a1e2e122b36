// Extension entry: starts the language server, registers the commands and the read-only explain
// documents. Features that need the running client (the replay panel) hang off the same context.
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientContext } from './clientContext.ts';
import { registerDocumentationActions } from './codeDocumentationLinks.ts';
import { COMMANDS } from './commands/index.ts';
import { Baselines } from './compare/baselines.ts';
import { watchDocumentKind } from './documentKindContext.ts';
import { EXPLAIN_SCHEME, ExplainDocuments } from './explainDocuments.ts';
import { createLanguageClient } from './languageClient.ts';
import { RuleHighlighter } from './ruleHighlighter.ts';
import { registerPolicyTests } from './testing/registerPolicyTests.ts';
import { registerReplay } from './webview/registerReplay.ts';
import { disposeResultPanels } from './webview/resultPanel.ts';

let client: LanguageClient | undefined;

export async function activate(extension: ExtensionContext): Promise<ClientContext> {
  const output = window.createOutputChannel('Kubernetes Audit Policy', { log: true });
  const explainDocuments = new ExplainDocuments();
  const highlighter = new RuleHighlighter();
  client = createLanguageClient(extension, output);
  const baselines = new Baselines();
  const ctx: ClientContext = { extension, client, output, explainDocuments, highlighter, baselines };
  extension.subscriptions.push(output, explainDocuments, highlighter, baselines, workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainDocuments));
  for (const [id, factory] of Object.entries(COMMANDS)) extension.subscriptions.push(commands.registerCommand(id, factory(ctx)));
  extension.subscriptions.push(registerReplay(ctx), registerPolicyTests(ctx), watchDocumentKind(ctx), disposeResultPanels, registerDocumentationActions());
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
