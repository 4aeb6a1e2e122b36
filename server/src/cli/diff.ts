// `kube-audit-policy diff OLD NEW`: what a policy change does to every request, decided exactly
// (core/diff), with a proven witness per change; OLD may come from git, both sides may be read
// under different Kubernetes releases, and --logs measures the change on recorded traffic.
// Exit: without --fail-on 0 equivalent, 1 different; with --fail-on 1 when a gate holds, else 0;
// 2 for usage errors, unreadable input, or a diff beyond the budget.
import { dirname, resolve } from 'node:path';
import { diffPolicies, type PolicyChange, type PolicySide } from '../core/diff/diffPolicies.ts';
import { diffTraffic, type DiffTraffic } from '../core/diff/diffTraffic.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import { ReplayIndex } from '../core/replay/replayIndex.ts';
import { checkLogInput, LogInputError, resolveIn, STDIN_NAME } from '../io/logChunks.ts';
import { readAuditLogs } from '../io/readAuditLogs.ts';
import type { InputFormat } from '../core/envelope/inputFormats.ts';
import { formatOption, INPUT_FORMAT_OPTION, INPUT_FORMAT_USAGE, inputFormatOption, parseCommandArgs, versionOption } from './args.ts';
import { CLI_BUDGET } from './cliBudget.ts';
import { releaseFor } from './inputs.ts';
import { diffJson } from './formats/diffJson.ts';
import { diffMarkdown } from './formats/diffMarkdown.ts';
import type { DiffFormatter, DiffReport } from './formats/diffReport.ts';
import { diffSarif } from './formats/diffSarif.ts';
import { diffText } from './formats/diffText.ts';
import { gitSpec, readGitFile } from './gitShow.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, inputName, UsageError, type CliIO, type Command } from './io.ts';
import type { PolicyText } from '../io/policyBytes.ts';
import { readPolicyText } from '../io/readPolicyText.ts';
import { terminalColor } from './terminalColor.ts';
import { warnIfRefused } from './warnIfRefused.ts';

const GATES = ['less-logging', 'more-logging', 'security', 'any'] as const;
type Gate = (typeof GATES)[number];

const USAGE = `Usage: kube-audit-policy diff OLD NEW [options]
       kube-audit-policy diff --git REV POLICY [options]
       kube-audit-policy diff POLICY --kubernetes-version A..B [options]

Compares what two audit policies do with every request, exactly (not by sampling): each pair
(old first-matching rule, new first-matching rule) that some request gets and whose outcome
differs (level, omitted stages, omitManagedFields where bodies are logged), with a witness audit
Event proven against both. OLD may be "git:REV:path" (the file at a git revision); "-" reads
standard input.

Options:
  --format text|json|markdown|sarif   output format (default: text); markdown suits a pull-request
                                      comment, sarif lists the security-relevant changes
  --git REV                           OLD is POLICY as it was at git revision REV
  --kubernetes-version 1.N | A..B     the release(s) to read OLD and NEW under (default: ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)});
                                      A..B with one POLICY compares it under two releases
  --logs LOG...                       measure the change on recorded audit logs (replay's formats)
  ${INPUT_FORMAT_USAGE}
                                      read the --logs as this format (default auto: told per log)
  --fail-on less-logging|more-logging|security|any
                                      exit 1 when such a change exists (repeatable); otherwise exit 0
  --top N                             request shapes listed per change with --logs (default: 5)
  -h, --help                          show this help

Exit status: without --fail-on 0 equivalent, 1 different; with --fail-on 1 when a gate holds,
else 0; 2 usage error, unreadable input, or a diff too costly to decide.`;

/** `--logs a b c` takes every argument up to the next option; `--logs a --logs b` works too. */
function takeLogs(args: readonly string[]): { rest: string[]; logs: string[] } {
  const rest: string[] = [];
  const logs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--logs') {
      while (i + 1 < args.length && (args[i + 1] === STDIN_NAME || !(args[i + 1] as string).startsWith('-'))) logs.push(args[++i] as string);
      continue;
    }
    if (a.startsWith('--logs=')) logs.push(a.slice('--logs='.length));
    else rest.push(a);
  }
  return { rest, logs };
}

/** One end of an A..B range: a release must be named there. */
function release(text: string): KubernetesVersion {
  const v = versionOption(text);
  if (v === undefined) throw new UsageError('--kubernetes-version A..B needs both releases');
  return v;
}

function versions(text: string | undefined): [KubernetesVersion, KubernetesVersion] | undefined {
  if (text === undefined || !text.includes('..')) return undefined;
  const [a, b, ...more] = text.split('..');
  if (more.length > 0 || a === undefined || b === undefined) throw new UsageError(`--kubernetes-version '${text}' must be one release (1.N) or two (A..B)`);
  return [release(a), release(b)];
}

/** Without a range, one release for both sides: the option's, or the NEW policy's config file's. */
async function sameRelease(newSide: Side, option: KubernetesVersion | undefined, io: CliIO): Promise<[KubernetesVersion, KubernetesVersion]> {
  const directory = newSide.file === STDIN_NAME ? io.cwd : dirname(resolve(io.cwd, newSide.file));
  const v = await releaseFor('diff', directory, io, option);
  return [v, v];
}

interface Side {
  readonly name: string;
  /** A path a person can open, for SARIF ("-": standard input). */
  readonly file: string;
  readonly read: () => Promise<PolicyText>;
}

function sides(positionals: readonly string[], git: string | undefined, range: boolean, io: CliIO): [Side, Side] {
  const file = (p: string): Side => {
    const spec = gitSpec(p);
    if (spec) return { name: p, file: spec.path, read: () => readGitFile(spec.rev, spec.path, io) };
    return { name: inputName(p), file: p, read: () => readPolicyText(p, io) };
  };
  if (git !== undefined) {
    if (positionals.length !== 1) throw new UsageError(`--git REV takes one POLICY (got ${positionals.length})`, USAGE);
    const path = positionals[0] as string;
    if (path === STDIN_NAME) throw new UsageError('--git needs a file in a git repository, not standard input');
    return [{ name: `git:${git}:${path}`, file: path, read: () => readGitFile(git, path, io) }, file(path)];
  }
  if (positionals.length === 1 && range) {
    const only = file(positionals[0] as string);
    return [only, only];
  }
  if (positionals.length !== 2) throw new UsageError(positionals.length < 2 ? 'OLD and NEW policies are needed' : `two policies expected, got ${positionals.length}`, USAGE);
  if (positionals.every((p) => p === STDIN_NAME)) throw new UsageError('standard input ("-") can be given only once');
  return [file(positionals[0] as string), file(positionals[1] as string)];
}

const FORMATTERS: Record<'text' | 'json' | 'markdown' | 'sarif', DiffFormatter> = { text: diffText, json: diffJson, markdown: diffMarkdown, sarif: diffSarif };

export const diffCommand: Command = async (args, io) => {
  const { rest, logs } = takeLogs(args);
  const { values, positionals } = parseCommandArgs(rest, { git: { type: 'string' }, 'fail-on': { type: 'string', multiple: true }, top: { type: 'string' }, ...INPUT_FORMAT_OPTION });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const format = formatOption(values.format, ['text', 'json', 'markdown', 'sarif']);
  const range = versions(values['kubernetes-version']);
  const gates = (values['fail-on'] ?? []).flatMap((g) => g.split(',')).map((g) => {
    if (!(GATES as readonly string[]).includes(g)) throw new UsageError(`--fail-on '${g}' is not one of ${GATES.join(', ')}`);
    return g as Gate;
  });
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top '${values.top}' is not a whole number`);
  if (args.includes('--logs') && logs.length === 0) throw new UsageError('--logs needs at least one log file');
  const inputFormat = inputFormatOption(values['input-format']);
  if (values['input-format'] !== undefined && logs.length === 0) throw new UsageError('--input-format says how to read the --logs; no --logs given');
  const [oldSide, newSide] = sides(positionals, values.git, range !== undefined, io);
  const [oldVersion, newVersion] = range ?? (await sameRelease(newSide, versionOption(values['kubernetes-version']), io));
  if (logs.includes(STDIN_NAME) && positionals.includes(STDIN_NAME)) throw new UsageError('standard input ("-") can be given only once');

  const read = async (side: Side): Promise<string> => {
    const r = await side.read();
    if (!r.ok) throw new UsageError(`${side.name}: ${r.error}`);
    return r.text;
  };
  const oldText = await read(oldSide);
  // One POLICY under two releases is read once (it may be standard input).
  const newText = newSide === oldSide ? oldText : await read(newSide);
  const load = (side: Side, text: string, v: KubernetesVersion) => {
    const loaded = loadPolicy(text, v);
    warnIfRefused(io, 'diff', side.name, loaded.findings, v);
    return loaded.policy;
  };
  const oldPolicy: PolicySide = { policy: load(oldSide, oldText, oldVersion), kubernetesVersion: oldVersion };
  const newPolicy: PolicySide = { policy: load(newSide, newText, newVersion), kubernetesVersion: newVersion };
  const traffic = logs.length > 0 ? await readTraffic(logs, inputFormat, oldPolicy, newPolicy, top, io) : undefined;
  if (traffic === null) return EXIT_USAGE;

  const diff = diffPolicies(oldPolicy, newPolicy, { budget: CLI_BUDGET });
  if (!diff.complete) {
    io.stderr.write(`kube-audit-policy diff: error: the comparison spent its budget of ${CLI_BUDGET.toLocaleString('en-US')} work units before it was decided; nothing is printed, since a partial diff could hide a change. Split rules with long userGroups or nonResourceURLs lists and try again.\n`);
    return EXIT_USAGE;
  }
  const report: DiffReport = {
    oldName: oldSide.name,
    newName: newSide.name,
    oldVersion: formatKubernetesVersion(oldVersion),
    newVersion: formatKubernetesVersion(newVersion),
    newFile: newSide.file,
    newText,
    newPolicy: newPolicy.policy,
    diff,
    ...(traffic ? { traffic } : {}),
  };
  io.stdout.write(FORMATTERS[format](report, { color: terminalColor(io) }));
  if (gates.length === 0) return diff.equivalent ? EXIT_OK : EXIT_FINDINGS;
  return diff.changes.some((c) => gates.some((g) => gateHolds(g, c))) ? EXIT_FINDINGS : EXIT_OK;
};

function gateHolds(gate: Gate, c: PolicyChange): boolean {
  const kind = c.classification.kind;
  switch (gate) {
    case 'any':
      return true;
    case 'security':
      return c.security.length > 0;
    case 'less-logging':
      return kind === 'newly-dropped' || kind === 'less-logged' || kind === 'mixed';
    case 'more-logging':
      return kind === 'newly-logged' || kind === 'more-logged' || kind === 'mixed';
  }
}

/** The logs read into a replay index and evaluated under both policies; null when a log could not be read. */
async function readTraffic(logs: readonly string[], inputFormat: InputFormat | undefined, before: PolicySide, after: PolicySide, top: number, io: CliIO): Promise<DiffTraffic | null> {
  for (const log of logs) {
    try {
      await checkLogInput(log, resolveIn(io.cwd, log));
    } catch (e) {
      if (!(e instanceof LogInputError)) throw e;
      io.stderr.write(`kube-audit-policy diff: ${log}: ${e.message}\n`);
      return null;
    }
  }
  const index = new ReplayIndex();
  const result = await readAuditLogs(logs, index, { stdin: io.stdin, cwd: io.cwd, inputFormat });
  for (const e of result.inputErrors) io.stderr.write(`kube-audit-policy diff: ${e.file}: ${e.message}\n`);
  if (result.inputErrors.length > 0) return null;
  if (index.errorCount > 0) io.stderr.write(`kube-audit-policy diff: note: ${index.errorCount.toLocaleString('en-US')} log lines were not audit events and are not counted (see 'kube-audit-policy replay')\n`);
  if (index.incompleteEvents > 0) {
    const missing = [...index.missing.keys()].join(', ');
    io.stderr.write(`kube-audit-policy diff: note: ${index.incompleteEvents.toLocaleString('en-US')} events come from logs that do not carry ${missing}; rules that match on it are not decided exactly for them (see docs/cloud-logs.md)\n`);
  }
  return diffTraffic(index, before, after, top);
}
