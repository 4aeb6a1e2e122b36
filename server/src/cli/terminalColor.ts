// Colour in the CLI's output: only for a terminal, and never when NO_COLOR is set (no-color.org).
import type { CliIO } from './io.ts';

export const terminalColor = (io: Pick<CliIO, 'stdout' | 'env'>): boolean => Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;

/** Wraps text in an SGR code ("1" bold, "31" red, ...) when colour is on. */
export function painter(color: boolean): (code: string, s: string) => string {
  return (code, s) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
}
