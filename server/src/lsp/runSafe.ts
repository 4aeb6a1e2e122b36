// Every request handler runs through here: an exception in a feature is logged and answered with a
// fallback instead of killing the server, and a cancelled request is answered as cancelled. The work
// starts on the next macrotask so that a $/cancelRequest already in the pipe is seen first.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { nextTurn } from './nextTurn.ts';

export type Log = (message: string) => void;

export function runSafe<T>(log: Log, what: string, token: CancellationToken, fallback: T, run: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    nextTurn(() => {
      if (token.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      Promise.resolve()
        .then(run)
        .then(
          (result) => resolve(token.isCancellationRequested ? cancelled() : result),
          (e: unknown) => {
            log(`${what} failed: ${errorText(e)}`);
            resolve(fallback);
          },
        );
    });
  });
}

/** For notifications and timers, where there is nobody to answer: log and carry on. */
export function runSafeVoid(log: Log, what: string, run: () => void | Promise<void>): void {
  Promise.resolve()
    .then(run)
    .catch((e: unknown) => log(`${what} failed: ${errorText(e)}`));
}

const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');

export const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
