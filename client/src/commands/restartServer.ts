// Kubernetes Audit Policy: Restart Language Server.
import { window } from 'vscode';
import type { ClientContext } from '../clientContext.ts';

export function restartServer(ctx: ClientContext) {
  return async (): Promise<void> => {
    ctx.highlighter.clear();
    try {
      await ctx.client.restart();
      ctx.output.info('Language server restarted.');
    } catch (e) {
      void window.showErrorMessage(`Kubernetes Audit Policy: the language server did not restart: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
