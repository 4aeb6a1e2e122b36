// `kube-audit-policy test [FILE|DIR]...`: runs policy test files (kind PolicyTest): each case's
// request or audit Event evaluated against the file's policy and compared with what it expects.
// `--init POLICY` writes a first test file from the analysis' witnesses. Exit 0 all pass, 1 some
// fail (or coverage is below --min-coverage), 2 usage error or input that cannot be read.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { analyzePolicy } from '../core/analysis/analyzePolicy.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import type { Policy } from '../core/model.ts';
import { isPolicyTestText } from '../core/policyTest/isPolicyTestText.ts';
import { loadPolicyTest } from '../core/policyTest/loadPolicyTest.ts';
import { runCase, type EventFileRead } from '../core/policyTest/runPolicyTest.ts';
import { ruleCoverage } from '../core/policyTest/ruleCoverage.ts';
import { scaffoldPolicyTest } from '../core/policyTest/scaffoldPolicyTest.ts';
import { LineIndex } from '../core/span.ts';
import { formatOption, parseCommandArgs, versionOption } from './args.ts';
import { CLI_BUDGET } from './cliBudget.ts';
import { releaseFor } from './inputs.ts';
import { findTestFiles, TEST_FILE } from './findTestFiles.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.ts';
import { parseEventJson } from '../io/parseEventJson.ts';
import { readPolicyText } from '../io/readPolicyText.ts';
import { terminalColor } from './terminalColor.ts';
import { testJson } from './formats/testJson.ts';
import { testJunit } from './formats/testJunit.ts';
import type { CoverageRun, LocatedProblem, PolicyUnderTest, TestFileRun, TestFormatter } from './formats/testReport.ts';
import { counts } from './formats/testReport.ts';
import { testText } from './formats/testText.ts';

const USAGE = `Usage: kube-audit-policy test [FILE|DIR]... [options]
       kube-audit-policy test --init POLICY [--output FILE]

Runs policy test files (apiVersion: kube-audit-policy/v1alpha1, kind: PolicyTest): each case's
request or audit Event is evaluated against the file's policy and compared with its expect. A DIR
is searched for *.test.yaml and *.test.yml files holding a PolicyTest (default: the current
directory); a quoted glob ('clusters/**/*.test.yaml') takes the PolicyTests it matches.

Options:
  --format text|json|junit     output format (default: text)
  --coverage                   list the reachable rules no case decides
  --min-coverage PERCENT       exit 1 when a policy's coverage is below PERCENT (implies --coverage)
  --kubernetes-version 1.N     the release for test files that do not say (default: ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  --init POLICY                write a test file with one case per reachable rule of POLICY, from
                               the analysis' witnesses (a starting point to review)
  --output FILE                where --init writes (default: POLICY's name with .test.yaml; "-": stdout)
  -h, --help                   show this help

Exit status: 0 every case passes, 1 some case fails or coverage is too low, 2 usage error or a
file, policy, event or case that cannot be read.`;

const FORMATTERS: Record<'text' | 'json' | 'junit', TestFormatter> = { text: testText, json: testJson, junit: testJunit };

export const testCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    coverage: { type: 'boolean' },
    'min-coverage': { type: 'string' },
    init: { type: 'string' },
    output: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  // For test files that name no release: the option's, or the config file's of the working folder.
  const v = await releaseFor('test', io.cwd, io, versionOption(values['kubernetes-version']));
  if (values.init !== undefined) {
    if (positionals.length > 0) throw new UsageError('--init takes one POLICY and no test files', USAGE);
    return init(values.init, values.output, v, io);
  }
  if (values.output !== undefined) throw new UsageError('--output applies to --init');
  const format = formatOption(values.format, ['text', 'json', 'junit']);
  const minCoverage = values['min-coverage'] === undefined ? undefined : Number(values['min-coverage']);
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) throw new UsageError(`--min-coverage '${values['min-coverage']}' is not a percentage from 0 to 100`);
  const found = await findTestFiles(positionals.length === 0 ? ['.'] : positionals, io.cwd);
  if (!found.ok) throw new UsageError(found.error);

  const policies = new Map<string, PolicyUnderTest | string>();
  const runs: TestFileRun[] = [];
  for (const file of found.files) {
    const run = await runFile(file, v, policies, io);
    if (run !== undefined) runs.push(run);
  }
  if (runs.length === 0) throw new UsageError(`no policy test files found in ${positionals.length === 0 ? 'the current directory' : positionals.join(', ')} (*.test.yaml or *.test.yml with kind: PolicyTest)`);
  const coverage = values.coverage || minCoverage !== undefined ? coverageOf(runs) : undefined;
  io.stdout.write(FORMATTERS[format]({ files: runs, coverage }, { color: terminalColor(io), now: new Date() }));
  const { failed, errors } = counts({ files: runs, coverage });
  if (errors > 0) return EXIT_USAGE;
  const tooLow = minCoverage !== undefined && (coverage ?? []).some((c) => c.coverage.percent < minCoverage);
  return failed > 0 || tooLow ? EXIT_FINDINGS : EXIT_OK;
};

const shown = (cwd: string, path: string): string => {
  const r = relative(cwd, path);
  return r === '' || r.startsWith('..') ? path : r;
};

/** One test file read, its policy loaded (cached per path and release) and its cases run; undefined: a discovered file that is no PolicyTest. */
async function runFile(file: { name: string; path: string; discovered: boolean }, cliVersion: KubernetesVersion, policies: Map<string, PolicyUnderTest | string>, io: CliIO): Promise<TestFileRun | undefined> {
  const read = await readPolicyText(file.path, io);
  const none = { results: [], policy: undefined, seconds: 0, position: () => ({ line: 1, column: 1 }) };
  if (!read.ok) return { file: file.name, ...none, problems: [{ line: 1, column: 1, message: read.error }] };
  const test = loadPolicyTest(read.text);
  // Other tools' *.test.yaml files are skipped; a PolicyTest too broken to read is not.
  if (file.discovered && !test.isPolicyTest && !isPolicyTestText(read.text)) return undefined;
  const lines = new LineIndex(read.text);
  const position = (offset: number) => {
    const p = lines.position(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const problems: LocatedProblem[] = test.problems.map((p) => ({ ...position(p.span.start), message: p.message }));
  const base = { file: file.name, position };
  if (!test.policy) return { ...base, ...none, position, problems };
  const v = test.kubernetesVersion?.value ?? cliVersion;
  const policyPath = resolve(dirname(file.path), test.policy.value);
  const key = `${policyPath}\n${formatKubernetesVersion(v)}`;
  let policy = policies.get(key);
  if (policy === undefined) {
    const text = await readPolicyText(policyPath, io);
    policy = text.ok ? { name: shown(io.cwd, policyPath), text: text.text, policy: loadPolicy(text.text, v).policy, release: v, kubernetesVersion: formatKubernetesVersion(v) } : `policy ${JSON.stringify(test.policy.value)}: ${text.error}`;
    policies.set(key, policy);
  }
  if (typeof policy === 'string') return { ...base, ...none, position, problems: [...problems, { ...position(test.policy.span.start), message: policy }] };
  const events = new Map<string, EventFileRead>();
  for (const c of test.cases) {
    if (c.input.kind !== 'eventFile' || events.has(c.input.path)) continue;
    events.set(c.input.path, await readEventFile(resolve(dirname(file.path), c.input.path), io));
  }
  const start = performance.now();
  const loaded: Policy = policy.policy;
  const results = test.cases.map((c) => runCase(loaded, v, c, (p) => events.get(p) ?? { ok: false, error: 'not read' }));
  return { ...base, results, problems, policy, seconds: (performance.now() - start) / 1000 };
}

async function readEventFile(path: string, io: CliIO): Promise<EventFileRead> {
  const read = await readPolicyText(path, io);
  if (!read.ok) return { ok: false, error: read.error };
  const json = parseEventJson(read.text);
  return json.ok ? json : { ok: false, error: json.error };
}

/** Per policy (and release): the rules the cases of every file testing it decide. */
function coverageOf(runs: readonly TestFileRun[]): CoverageRun[] {
  const byPolicy = new Map<string, { policy: PolicyUnderTest; decided: (number | null)[] }>();
  for (const run of runs) {
    if (!run.policy) continue;
    const key = `${run.policy.name}\n${run.policy.kubernetesVersion}`;
    const entry = byPolicy.get(key) ?? { policy: run.policy, decided: [] };
    for (const r of run.results) if (r.kind === 'ran') entry.decided.push(r.actual.rule);
    byPolicy.set(key, entry);
  }
  return [...byPolicy.values()].map(({ policy, decided }) => {
    const analysis = analyzePolicy(policy.policy, { kubernetesVersion: policy.release, budget: CLI_BUDGET });
    return { policy: policy.name, kubernetesVersion: policy.kubernetesVersion, coverage: ruleCoverage(analysis, decided) };
  });
}

async function init(policyArg: string, output: string | undefined, v: KubernetesVersion, io: CliIO): Promise<number> {
  if (policyArg === '-' && output === undefined) throw new UsageError('--init - (standard input) needs --output FILE or --output -');
  const read = await readPolicyText(policyArg, io);
  if (!read.ok) throw new UsageError(`${policyArg === '-' ? 'standard input' : policyArg}: ${read.error}`);
  const policyPath = resolve(io.cwd, policyArg);
  const target = output ?? resolve(dirname(policyPath), `${basename(policyPath).replace(/\.ya?ml$/, '')}.test.yaml`);
  if (output !== '-' && !TEST_FILE.test(basename(target))) io.stderr.write(`kube-audit-policy test: note: ${target} does not end in .test.yaml; 'test DIR' will not find it\n`);
  const outPath = output === '-' ? '-' : resolve(io.cwd, target);
  if (outPath !== '-' && existsSync(outPath)) throw new UsageError(`${shown(io.cwd, outPath)} exists; --init does not overwrite a test file (remove it, or give --output)`);
  const { policy } = loadPolicy(read.text, v);
  const analysis = analyzePolicy(policy, { kubernetesVersion: v, budget: CLI_BUDGET });
  const ref = policyArg === '-' ? 'POLICY.yaml' : relative(outPath === '-' ? io.cwd : dirname(outPath), policyPath);
  const text = scaffoldPolicyTest(policy, analysis, ref, v);
  if (outPath === '-') {
    io.stdout.write(text);
    return EXIT_OK;
  }
  await writeFile(outPath, text);
  const cases = analysis.rules.filter((r) => r.status === 'reachable').length;
  io.stdout.write(`Wrote ${shown(io.cwd, outPath)}: ${cases} case${cases === 1 ? '' : 's'}, one per reachable rule of ${policy.rules.length}. Review each expectation before you commit it.\n`);
  return EXIT_OK;
}
