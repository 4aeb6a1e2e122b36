// Reads a policy file (or stdin for "-") as text for the CLI and the language server on Node, refusing what cannot be a policy with
// a clear message instead of a stack trace: missing or unreadable files, directories, binary files,
// files too large to be an audit policy.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodePolicyBytes, MAX_POLICY_BYTES, mib, tooLarge, type PolicyText } from './policyBytes.ts';

/** Where "-" reads from, and what a relative path is relative to. */
export interface PolicySource {
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
}

export async function readPolicyText(path: string, io: PolicySource): Promise<PolicyText> {
  try {
    const bytes = path === '-' ? await readStreamCapped(io.stdin, 'standard input') : await readFileCapped(resolve(io.cwd, path));
    if (typeof bytes === 'string') return { ok: false, error: bytes, notText: !bytes.startsWith(DIRECTORY) };
    return decodePolicyBytes(bytes);
  } catch (e) {
    return { ok: false, error: describeError(e), notText: false };
  }
}

const DIRECTORY = 'is a directory';

async function readFileCapped(file: string): Promise<Buffer | string> {
  const info = await stat(file);
  if (info.isDirectory()) return `${DIRECTORY}, not a policy file`;
  // Pipes and devices (process substitution, /dev/stdin) have no size: read them with the cap.
  if (!info.isFile()) return readStreamCapped(createReadStream(file), 'the input');
  const large = tooLarge(info.size);
  if (large !== undefined) return large;
  const handle = await open(file, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function readStreamCapped(stream: NodeJS.ReadableStream, what: string): Promise<Buffer | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_POLICY_BYTES) return `${what} is over ${mib(MAX_POLICY_BYTES)} MiB; an audit policy is at most a few kilobytes`;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function describeError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return `${DIRECTORY}, not a policy file`;
    case 'ENOTDIR':
      return 'a parent of this path is not a directory';
    case 'ENXIO':
      return 'cannot be opened for reading (a socket?); use "-" for standard input';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
