// Entry of the `kube-audit-policy` command: picks the subcommand; each lives in cli/<name>.ts.
import { version } from '../../package.json';
import { EXIT_OK, EXIT_USAGE, tell, UsageError, type CliIO, type Command } from './cli/io.ts';
import { printable } from './cli/printable.ts';

const USAGE = `Usage: kube-audit-policy <command> [options]

Commands:
  lint POLICY...        validate policies (files, directories, globs) as kube-apiserver loads them,
                        plus catalog and reachability checks; --fix applies the editor's fixes
  explain POLICY        show which rule a request matches and why earlier rules did not
  replay POLICY LOG...  evaluate recorded audit events against the policy
  analyze POLICY...     prove which rules can never apply, with a witness request for the others
  diff OLD NEW          what a policy change does to every request, exactly, with a witness per change
  test [FILE|DIR]...    run policy test files (expected outcomes of requests); --init writes one
  sql POLICY            print the policy compiled to ClickHouse SQL, to replay logs where they are stored

Run 'kube-audit-policy <command> --help' for the options of a command;
'kube-audit-policy --version' prints the version.`;

// One line per command; each module is loaded only when its command runs.
const commands: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./cli/lint.ts')).lintCommand,
  explain: async () => (await import('./cli/explain.ts')).explainCommand,
  replay: async () => (await import('./cli/replay.ts')).replayCommand,
  analyze: async () => (await import('./cli/analyze.ts')).analyzeCommand,
  diff: async () => (await import('./cli/diff.ts')).diffCommand,
  test: async () => (await import('./cli/test.ts')).testCommand,
  sql: async () => (await import('./cli/sql.ts')).sqlCommand,
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  // Own property only: "constructor" or "toString" is no command.
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr.write(`kube-audit-policy: unknown command '${printable(name)}'\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      tell(io, name, e.message);
      if (e.usage !== undefined) io.stderr.write(`\n${e.usage}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

if (require.main === module) {
  // A reader that goes away (`| head`) is no error: the rest of the output is dropped.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`kube-audit-policy: cannot write the output: ${printable(e.message)}\n`);
    process.exit(EXIT_USAGE);
  });
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.stderr.write(`kube-audit-policy: internal error: ${(e instanceof Error ? (e.stack ?? e.message) : String(e)).split('\n').map(printable).join('\n')}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
