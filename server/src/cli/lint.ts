// `kube-audit-policy lint POLICY...`: the core's lint for each policy the arguments name (files,
// directories, globs, "-"), with the settings of its repository config file under the options,
// printed by the chosen reporter; `--fix` and `--fix-dry-run` apply the editor's "Fix all".
// Exit 0 when no finding is an error, 1 when one is (kube-apiserver would refuse the file) or there
// are more warnings than --max-warnings, 2 for bad arguments, a file that cannot be read or written,
// or a config file with problems.
import { writeFile } from 'node:fs/promises';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { isCode } from '../core/codes.ts';
import type { Finding, Severity } from '../core/findings.ts';
import { repositoryFileUrl } from '../core/describe/codeDocumentationUrl.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { lint, withSeverity, type SeverityOverrides, type SuppressedFinding } from '../core/lint.ts';
import { notAPolicyFinding } from '../core/workspace/notAPolicy.ts';
import { REPOSITORY_CONFIG_FILE } from '../core/workspace/repositoryConfig.ts';
import { formatOption, parseCommandArgs, versionOption } from './args.ts';
import { countFixable, fixPolicy } from './fixPolicy.ts';
import { jsonReporter } from './formats/json.ts';
import { lintedFile, type Reporter } from './formats/lintReport.ts';
import { sarifReporter } from './formats/sarif.ts';
import { textReporter } from './formats/text.ts';
import { collectPolicies, type PolicyInput } from './inputs.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, tell, UsageError, type CliIO, type Command } from './io.ts';
import { printable } from './printable.ts';
import { terminalColor } from './terminalColor.ts';

const USAGE = `Usage: kube-audit-policy lint POLICY... [options]

Checks audit policies as kube-apiserver loads them, plus catalog, practice and reachability checks.
POLICY is a file, a directory (every audit policy below it), a glob in quotes ('clusters/**/*.yaml')
or "-" for standard input. Below a directory or through a glob, a YAML file is an audit policy when
it has apiVersion audit.k8s.io/... and kind Policy, or a "files" pattern names it.

Options:
  --format text|json|sarif     output format (default: text)
  --kubernetes-version 1.N     the kube-apiserver release to check against (default: the config
                               file's, else ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  --severity CODE=LEVEL        change a code's severity: error, warning, information, hint or off (repeatable)
  --quiet                      report errors only
  --max-warnings N             exit 1 when there are more than N warnings
  --fix                        apply the editor's "Fix all" to the files, then report what remains
  --fix-dry-run                print what --fix would change as a unified diff; change nothing
  -h, --help                   show this help

Configuration: the nearest ${REPOSITORY_CONFIG_FILE} in the policy's folder or above it
(kubernetesVersion, severity, files); the options above override it.

Suppression comments, on comment lines directly above (the reason after "--" is optional):
  # kube-audit-policy: disable-next-line CODE[, CODE] -- why   findings on the next line
  # kube-audit-policy-disable CODE[, CODE] -- why              every finding of the rule below
Without a CODE every code is silenced. --format json lists silenced findings with a "suppression"
field; --format sarif as results with suppressions.

Exit status: 0 no errors, 1 some finding is an error (kube-apiserver would refuse the file) or
more warnings than --max-warnings, 2 usage or I/O error, or a config file with problems.`;

const REPORTERS: Record<'text' | 'json' | 'sarif', Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter };
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

/** One policy after lint (and the fixes, when asked). */
interface Checked {
  readonly input: PolicyInput;
  /** The text after the fixes (the input's without them). */
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly warnings: number;
  readonly fixable: number;
}

interface Mode {
  readonly fix: boolean;
  readonly quiet: boolean;
  readonly countFixable: boolean;
}

export const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    severity: { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
    'max-warnings': { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('no policy file given', USAGE);
  const format = formatOption(values.format, ['text', 'json', 'sarif']);
  const overrides = { ...optional(versionOption(values['kubernetes-version'])), severities: severityOverrides(values.severity ?? []) };
  const maxWarnings = values['max-warnings'] === undefined ? undefined : wholeNumber('--max-warnings', values['max-warnings']);
  const dryRun = values['fix-dry-run'] === true;
  const fix = values.fix === true;
  if (fix && dryRun) throw new UsageError('give --fix or --fix-dry-run, not both');
  if (dryRun && values.format !== undefined) throw new UsageError('--fix-dry-run prints a unified diff; it takes no --format');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be given only once');
  if (fix && positionals.includes('-')) throw new UsageError('--fix cannot write standard input back; --fix-dry-run prints the changes instead');

  const { inputs, problems } = await collectPolicies(positionals, io, overrides);
  // Nothing is checked when an input or a config file is wrong: a partial report would read as complete.
  if (problems.length > 0) {
    for (const p of problems) tell(io, 'lint', p);
    return EXIT_USAGE;
  }
  const checked = inputs.map((input) => check(input, { fix: fix || dryRun, quiet: values.quiet === true, countFixable: format === 'text' && !fix && !dryRun }));

  let status = EXIT_OK;
  if (dryRun) io.stdout.write(diffOf(checked, Boolean(io.stdout.isTTY)));
  else {
    if (fix) status = await writeFixes(checked, io);
    io.stdout.write(REPORTERS[format](checked.map((c) => lintedFile(c.input.name, c.text, c.findings, c.suppressed, c.fixable)), { color: terminalColor(io) }));
  }
  const errors = checked.reduce((n, c) => n + c.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = checked.reduce((n, c) => n + c.warnings, 0);
  if (dryRun) tell(io, 'lint', `--fix-dry-run: ${changed(checked).length} of ${checked.length} file${checked.length === 1 ? '' : 's'} would change; ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} would remain`);
  if (maxWarnings !== undefined && warnings > maxWarnings) tell(io, 'lint', `${warnings} warnings, more than --max-warnings ${maxWarnings}`);
  if (status !== EXIT_OK) return status;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? EXIT_FINDINGS : EXIT_OK;
};

const optional = <T>(kubernetesVersion: T | undefined) => (kubernetesVersion === undefined ? {} : { kubernetesVersion });

function check(input: PolicyInput, mode: Mode): Checked {
  const { kubernetesVersion, severities } = input.settings;
  if (input.notAPolicy !== undefined) {
    const f = withSeverity(notAPolicyFinding(input.text, input.notAPolicy), severities);
    const findings = f && (!mode.quiet || f.severity === 'error') ? [f] : [];
    return { input, text: input.text, findings, suppressed: [], warnings: f?.severity === 'warning' ? 1 : 0, fixable: 0 };
  }
  const options = { kubernetesVersion, severities };
  const { text, result } = mode.fix ? fixPolicy(input.text, options) : { text: input.text, result: lint(input.text, options) };
  const shown = (f: Finding): boolean => !mode.quiet || f.severity === 'error';
  const findings = result.findings.filter(shown);
  return {
    input,
    text,
    findings,
    suppressed: result.suppressed.filter((s) => shown(s.finding)),
    warnings: result.findings.filter((f) => f.severity === 'warning').length,
    fixable: mode.countFixable ? countFixable(text, { ...result, findings }, options) : 0,
  };
}

const changed = (checked: readonly Checked[]): readonly Checked[] => checked.filter((c) => c.text !== c.input.text);

/** The unified diff of every change (`patch -p0` applies it); on a terminal, made printable line by line. */
function diffOf(checked: readonly Checked[], terminal: boolean): string {
  const patch = changed(checked)
    .map((c) => createTwoFilesPatch(c.input.name, c.input.name, c.input.text, c.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }))
    .join('');
  return terminal ? patch.split('\n').map(printable).join('\n') : patch;
}

/** Writes every fixed file back (with its byte-order mark, if it had one); EXIT_USAGE when one could not be written. */
async function writeFixes(checked: readonly Checked[], io: CliIO): Promise<number> {
  let status = EXIT_OK;
  for (const c of changed(checked)) {
    try {
      await writeFile(c.input.path as string, `${c.input.bom ? '\uFEFF' : ''}${c.text}`);
    } catch (e) {
      tell(io, 'lint', `${c.input.name}: cannot write the fixes: ${e instanceof Error ? e.message : String(e)}`);
      status = EXIT_USAGE;
    }
  }
  return status;
}

function wholeNumber(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${option} '${text}' is not a whole number`);
  return n;
}

function severityOverrides(specs: readonly string[]): SeverityOverrides {
  const out: Record<string, Severity | 'off'> = {};
  for (const spec of specs.flatMap((s) => s.split(',')).filter((s) => s.trim() !== '')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(spec);
    if (!m) throw new UsageError(`--severity '${spec}' must be CODE=LEVEL, e.g. unknown-field=error`);
    const [, code = '', level = ''] = m;
    if (!isCode(code)) throw new UsageError(`--severity: unknown code '${code}' (the codes: ${repositoryFileUrl('docs/codes.md')})`);
    if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--severity ${code}: unknown level '${level}' (expected ${LEVELS.join(', ')})`);
    out[code] = level as Severity | 'off';
  }
  return out;
}
