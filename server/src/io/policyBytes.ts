// A policy file's bytes as text, or why they are no policy: shared by the CLI and the language
// server, which read from disk, and the browser extension, which reads through `workspace.fs`.
import { hasByteOrderMark } from './byteOrderMark.ts';

/** Audit policies are a few kilobytes; a file this size is a mistake (a log, an archive), and parsing
 * it would take many seconds. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;

/** `bom`: the file began with a byte-order mark (not part of `text`; `lint --fix` writes it back).
 * `notText`: the bytes are no YAML text at all (binary, not UTF-8, too large), as opposed to a file
 * that could not be read. */
export type PolicyText = { readonly ok: true; readonly text: string; readonly bom: boolean } | { readonly ok: false; readonly error: string; readonly notText: boolean };

export function decodePolicyBytes(bytes: Uint8Array): PolicyText {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, error: 'is a binary file, not a YAML policy', notText: true };
  try {
    // The decoder drops a byte-order mark: editors do not count it as a column; neither do reported positions.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text, bom: hasByteOrderMark(bytes) };
  } catch {
    return { ok: false, error: 'is not UTF-8 text (a binary file?)', notText: true };
  }
}

export const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0);

/** Why a file of this size is refused, or undefined when it may be read. */
export const tooLarge = (size: number): string | undefined =>
  size > MAX_POLICY_BYTES ? `is ${mib(size)} MiB; an audit policy is at most a few kilobytes (limit ${mib(MAX_POLICY_BYTES)} MiB)` : undefined;
