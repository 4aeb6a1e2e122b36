// `kube-audit-policy lint POLICY... [--format text|json|sarif] [--kubernetes-version 1.N]
// [--severity code=level ...]`: the core's lint for each file, printed by the chosen reporter.
// Exit 0 when no finding is an error, 1 when one is (kube-apiserver would refuse the file),
// 2 for bad arguments or a file that cannot be read.
import { isCode } from '../core/codes.ts';
import type { Severity } from '../core/findings.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { lint, type SeverityOverrides } from '../core/lint.ts';
import { formatOption, parseCommandArgs, targetVersion } from './args.ts';
import { jsonReporter } from './formats/json.ts';
import { lintedFile, type LintedFile, type Reporter } from './formats/lintReport.ts';
import { sarifReporter } from './formats/sarif.ts';
import { textReporter } from './formats/text.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './io.ts';
import { inputName, readPolicyText } from './readPolicyText.ts';
import { terminalColor } from './terminalColor.ts';

const USAGE = `Usage: kube-audit-policy lint POLICY... [options]

Checks audit policy files as kube-apiserver loads them, plus catalog, practice and reachability checks.
POLICY may be "-" for standard input.

Options:
  --format text|json|sarif     output format (default: text)
  --kubernetes-version 1.N     the kube-apiserver release to check against (default: ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  --severity CODE=LEVEL        change a code's severity: error, warning, information, hint or off (repeatable)
  -h, --help                   show this help

Exit status: 0 no errors, 1 some finding is an error (kube-apiserver would refuse the file), 2 usage or I/O error.`;

const REPORTERS: Record<'text' | 'json' | 'sarif', Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter };
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { severity: { type: 'string', multiple: true } });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no policy file given\n\n${USAGE}`);
  const reporter = REPORTERS[formatOption(values.format, ['text', 'json', 'sarif'])];
  const kubernetesVersion = targetVersion(values['kubernetes-version']);
  const severities = severityOverrides(values.severity ?? []);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be given only once');

  const files: LintedFile[] = [];
  let unreadable = false;
  for (const path of positionals) {
    const read = await readPolicyText(path, io);
    if (!read.ok) {
      io.stderr.write(`kube-audit-policy lint: ${inputName(path)}: ${read.error}\n`);
      unreadable = true;
      continue;
    }
    files.push(lintedFile(path, read.text, lint(read.text, { kubernetesVersion, severities }).findings));
  }
  io.stdout.write(reporter(files, { color: terminalColor(io) }));
  if (unreadable) return EXIT_USAGE;
  return files.some((f) => f.entries.some((e) => e.entry.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
};

function severityOverrides(specs: readonly string[]): SeverityOverrides {
  const out: Record<string, Severity | 'off'> = {};
  for (const spec of specs.flatMap((s) => s.split(',')).filter((s) => s.trim() !== '')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(spec);
    if (!m) throw new UsageError(`--severity '${spec}' must be CODE=LEVEL, e.g. unknown-field=error`);
    const [, code = '', level = ''] = m;
    if (!isCode(code)) throw new UsageError(`--severity: unknown code '${code}' (see the README's "Diagnostic codes")`);
    if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--severity ${code}: unknown level '${level}' (expected ${LEVELS.join(', ')})`);
    out[code] = level as Severity | 'off';
  }
  return out;
}
