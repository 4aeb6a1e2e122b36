// A file as it was at a git revision (`diff --git REV POLICY`, `diff git:REV:path NEW`), read with
// `git show REV:./path` from the file's own directory, so relative and absolute paths both work
// and the path need not be given from the repository's root. The text then goes through the same
// checks as any policy file (size, binary, UTF-8).
import { execFile } from 'node:child_process';
import { Readable } from 'node:stream';
import { basename, dirname, resolve } from 'node:path';
import type { CliIO } from './io.ts';
import { MAX_POLICY_BYTES, type PolicyText } from '../io/policyBytes.ts';
import { readPolicyText } from '../io/readPolicyText.ts';

/** `git:REV:path` as an OLD argument: the revision and the path (undefined for an ordinary path). */
export function gitSpec(arg: string): { readonly rev: string; readonly path: string } | undefined {
  const m = /^git:([^:]+):(.+)$/s.exec(arg);
  return m ? { rev: m[1] as string, path: m[2] as string } : undefined;
}

export async function readGitFile(rev: string, path: string, io: Pick<CliIO, 'cwd'>): Promise<PolicyText> {
  // A revision starting with "-" would be read by git as an option.
  if (rev.startsWith('-') || rev.trim() === '') return { ok: false, error: `${JSON.stringify(rev)} is not a git revision`, notText: false };
  const file = resolve(io.cwd, path);
  const shown = await new Promise<{ bytes: Buffer } | { error: string }>((done) => {
    execFile('git', ['show', `${rev}:./${basename(file)}`], { cwd: dirname(file), encoding: 'buffer', maxBuffer: MAX_POLICY_BYTES + 1 }, (e, stdout, stderr) => {
      if (!e) return done({ bytes: stdout });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return done({ error: 'git is not installed (or not on PATH), or the directory of the file does not exist' });
      if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return done({ error: `is over ${MAX_POLICY_BYTES / (1024 * 1024)} MiB at ${rev}; an audit policy is at most a few kilobytes` });
      done({ error: firstLine(stderr.toString('utf8')) || e.message });
    });
  });
  if ('error' in shown) return { ok: false, error: shown.error, notText: false };
  return readPolicyText('-', { stdin: Readable.from([shown.bytes]), cwd: io.cwd });
}

/** git's first line ("fatal: path 'x' exists on disk, but not in 'HEAD~1'"), control characters escaped. */
const firstLine = (s: string): string => (s.split('\n').find((l) => l.trim() !== '') ?? '').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
