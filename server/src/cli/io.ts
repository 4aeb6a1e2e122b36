// What a CLI command may touch of the outside world, passed in so commands can be tested in-process.
import { printable } from './printable.ts';

export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** How a message names an input: "-" is standard input. */
export const inputName = (path: string): string => (path === '-' ? 'standard input' : path);

/** Exit codes of every command: 0 clean, 1 error findings, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** Thrown for bad arguments or unreadable input; the entry prints it (then `usage`, when given) and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** A one-line message on standard error, `kube-audit-policy COMMAND: message`; what it quotes is made printable. */
export function tell(io: Pick<CliIO, 'stderr'>, command: string, message: string): void {
  io.stderr.write(`kube-audit-policy ${printable(command)}: ${printable(message)}\n`);
}
