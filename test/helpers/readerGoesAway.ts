// Runs the built CLI with its standard output read by a consumer that leaves after the first
// chunk, as `| head` does; returns what the CLI wrote to stderr and its exit status.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');

export async function runWithReaderGoingAway(args: readonly string[]): Promise<{ stderr: string; status: number | null }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { stderr, status };
}
