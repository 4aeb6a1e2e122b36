// The examples of the documentation, and what `kube-audit-policy lint -` says of each. An example is
// a fenced block whose info string is `yaml` followed by `expect=CODE[,CODE...]` (or `expect=none`)
// and optionally `kubernetes=1.N`:
//
//   ```yaml expect=shadowed-rule kubernetes=1.30
//
// GitHub and VS Code's preview read only the first word (the language), so readers see plain YAML.
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../server/src/cli/io.ts';
import { lintCommand } from '../../server/src/cli/lint.ts';

export interface DocExample {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly info: string;
  readonly text: string;
  /** The codes the page says lint reports, sorted; [] for `expect=none`; undefined when the block states none. */
  readonly expect: readonly string[] | undefined;
  readonly kubernetesVersion: string | undefined;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;

/** Every fenced block of a Markdown page (YAML or not), with its info string parsed. */
export function fencedBlocks(markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const blocks: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const info = (open[2] ?? '').trim();
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').startsWith(fence)) body.push(lines[j++] ?? '');
    const attribute = (name: string): string | undefined => info.split(/\s+/).find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
    const expect = attribute('expect');
    blocks.push({
      line: i + 1,
      info,
      text: `${body.join('\n')}\n`,
      expect: expect === undefined ? undefined : expect === 'none' ? [] : expect.split(',').sort(),
      kubernetesVersion: attribute('kubernetes'),
    });
    i = j;
  }
  return blocks;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface LintEntry {
  readonly code: string;
  readonly range: { readonly start: { readonly line: number } };
  readonly suppression?: unknown;
}

/** What `kube-audit-policy lint - --format json [ARGS]` prints for the text, silenced findings left out. */
export async function lintEntries(text: string, args: readonly string[] = []): Promise<LintEntry[]> {
  const cwd = mkdtempSync(join(tmpdir(), 'kap-doc-')); // no repository config file can apply
  try {
    const stdout = new Capture();
    const stderr = new Capture();
    const io: CliIO = { stdout, stderr, stdin: Readable.from([text]), cwd, env: {} };
    const status = await lintCommand(['-', '--format', 'json', ...args], io);
    if (status === 2) throw new Error(`lint failed: ${stderr.text}`);
    return (JSON.parse(stdout.text) as LintEntry[]).filter((e) => e.suppression === undefined);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export const versionArgs = (kubernetesVersion: string | undefined): string[] => (kubernetesVersion === undefined ? [] : ['--kubernetes-version', kubernetesVersion]);

/** The codes lint reports for an example, sorted, each once. */
export async function lintCodes(example: Pick<DocExample, 'text' | 'kubernetesVersion'>, args: readonly string[] = []): Promise<string[]> {
  const entries = await lintEntries(example.text, [...versionArgs(example.kubernetesVersion), ...args]);
  return [...new Set(entries.map((e) => e.code))].sort();
}
