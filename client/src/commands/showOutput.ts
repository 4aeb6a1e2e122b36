// Kubernetes Audit Policy: Show Output — the channel where the client and server log.
import type { ClientContext } from '../clientContext.ts';

export function showOutput(ctx: ClientContext) {
  return (): void => ctx.output.show(true);
}
