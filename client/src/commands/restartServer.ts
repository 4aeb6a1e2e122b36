// Kubernetes Audit Policy: Restart Language Server.
import { window } from 'vscode';
import type { ClientContext } from '../clientContext.ts';

export function restartServer(ctx: ClientContext) {
  return async (): Promise<void> => {
    ctx.highlighter.clear();
    try {
      // stop + start: the browser's client has no restart(); the desktop's restart() is the same two steps.
      await ctx.client.stop();
      await ctx.client.start();
      ctx.output.info('Language server restarted.');
    } catch (e) {
      void window.showErrorMessage(`Kubernetes Audit Policy: the language server did not restart: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
