// Entry of the `kube-audit-policy` command: picks the subcommand; each lives in cli/<name>.ts.
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './cli/io.ts';

const USAGE = `Usage: kube-audit-policy <command> [options]

Commands:
  lint POLICY...        validate policies as kube-apiserver loads them, plus catalog and reachability checks
  explain POLICY        show which rule a request matches and why earlier rules did not
  replay POLICY LOG...  evaluate recorded audit events against the policy
  analyze POLICY        prove which rules can never apply, with a witness request for the others
  sql POLICY            print the policy compiled to ClickHouse SQL, to replay logs where they are stored

Run 'kube-audit-policy <command> --help' for the options of a command.`;

// One line per command; each module is loaded only when its command runs.
const commands: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./cli/lint.ts')).lintCommand,
  explain: async () => (await import('./cli/explain.ts')).explainCommand,
  replay: async () => (await import('./cli/replay.ts')).replayCommand,
  analyze: async () => (await import('./cli/analyze.ts')).analyzeCommand,
  sql: async () => (await import('./cli/sql.ts')).sqlCommand,
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`kube-audit-policy: unknown command '${name}'\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kube-audit-policy ${name}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

if (require.main === module) {
  // A reader that goes away (`| head`) is no error: the rest of the output is dropped.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`kube-audit-policy: cannot write the output: ${e.message}\n`);
    process.exit(EXIT_USAGE);
  });
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.stderr.write(`kube-audit-policy: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
