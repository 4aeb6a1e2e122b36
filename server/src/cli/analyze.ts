// `kube-audit-policy analyze POLICY... [--format text|json] [--kubernetes-version 1.N]`: for every
// rule, whether a request can reach it (with a witness audit Event it matches first), or why not
// (shadowed by earlier rules, or unsatisfiable). POLICY is read as lint reads it (files, directories,
// globs). Exit 0 when analysed, 2 for bad arguments or input, and 2 when even the CLI's budget runs
// out: the contract has no status for an undecided rule.
import { analyzePolicy, type PolicyAnalysis, type RuleAnalysis, type RuleStatus, type Witness } from '../core/analysis/analyzePolicy.ts';
import { catchAllNotLast } from '../core/analysis/reachabilityFindings.ts';
import { requestCaveat } from '../core/checks/catalog/requestCaveat.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import type { AuditEvent } from '../core/request/auditEvent.ts';
import { formatOption, parseCommandArgs, versionOption } from './args.ts';
import { CLI_BUDGET } from './cliBudget.ts';
import { collectPolicies, type PolicyInput } from './inputs.ts';
import { EXIT_OK, EXIT_USAGE, inputName, tell, UsageError, type CliIO, type Command } from './io.ts';
import { printable } from './printable.ts';
import { warnIfRefused } from './warnIfRefused.ts';

const USAGE = `Usage: kube-audit-policy analyze POLICY... [options]

Proves, for every rule of POLICY, whether some request can reach it (first match wins). A reachable
rule comes with a witness: an audit Event it matches first, ready for 'explain --event'. Otherwise the
rule is shadowed (earlier rules take every request it matches; shadowedBy names them) or
unsatisfiable (no request can match it). POLICY is a file, "-" for standard input, a directory (every
audit policy below it) or a glob in quotes, as for 'lint'.

Options:
  --format text|json           output format (default: text); for one POLICY file, one JSON object;
                               otherwise one line per policy, the same object with its "file" first
  --kubernetes-version 1.N     the kube-apiserver release to analyse for (default: the config file's,
                               else ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  -h, --help                   show this help

Exit status: 0 analysed, 2 usage or input error, or a policy too costly to analyse completely.`;

export const analyzeCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {});
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('no policy file given', USAGE);
  const format = formatOption(values.format, ['text', 'json']);
  const version = versionOption(values['kubernetes-version']);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be given only once');
  const { inputs, problems } = await collectPolicies(positionals, io, version === undefined ? {} : { kubernetesVersion: version });
  const refused = [...problems, ...inputs.flatMap((i) => (i.notAPolicy === undefined ? [] : [`${inputName(i.name)}: ${i.notAPolicy}`]))];
  if (refused.length > 0) {
    for (const p of refused) tell(io, 'analyze', p);
    return EXIT_USAGE;
  }
  // One file named on its own: the contract's single object; several policies: one line each, named.
  const one = positionals.length === 1 && inputs.length === 1 && inputs[0]?.name === positionals[0];
  let status = EXIT_OK;
  for (const input of inputs) if (!analyzeOne(input, format, one, io)) status = EXIT_USAGE;
  return status;
};

/** Prints one policy's analysis; false when the budget ran out (then only the error is printed). */
function analyzeOne(input: PolicyInput, format: 'text' | 'json', alone: boolean, io: CliIO): boolean {
  const v = input.settings.kubernetesVersion;
  const { policy, findings } = loadPolicy(input.text, v);
  warnIfRefused(io, 'analyze', input.name, findings, v);
  const analysis = analyzePolicy(policy, { kubernetesVersion: v, budget: CLI_BUDGET });
  const rules = decidedRules(analysis);
  if (rules === undefined) {
    const first = analysis.rules.findIndex((r) => r.status === 'unknown');
    tell(
      io,
      'analyze',
      `error: ${inputName(input.name)}: the analysis spent its budget of ${CLI_BUDGET.toLocaleString('en-US')} work units before deciding rule ${first} (of ${analysis.rules.length}); nothing is printed, since every rule needs a verdict. Split rules with long userGroups or nonResourceURLs lists and try again.`,
    );
    return false;
  }
  if (format === 'text') io.stdout.write(analyzeText(input.name, analysis, rules, v));
  else io.stdout.write(`${JSON.stringify(alone ? analyzeJson(rules) : { file: input.name, ...analyzeJson(rules) })}\n`);
  return true;
}

/** A rule the analysis decided: the only statuses the contract has. */
type DecidedRule = RuleAnalysis & { readonly status: Exclude<RuleStatus, 'unknown'> };

const isDecided = (r: RuleAnalysis): r is DecidedRule => r.status !== 'unknown';

/** Every rule, when all were decided. */
function decidedRules(analysis: PolicyAnalysis): readonly DecidedRule[] | undefined {
  const rules = analysis.rules.filter(isDecided);
  return rules.length === analysis.rules.length ? rules : undefined;
}

/** The JSON contract of `analyze --format json` (issue 3), field for field. */
interface AnalyzeJson {
  readonly rules: readonly {
    readonly rule: number;
    readonly status: DecidedRule['status'];
    readonly shadowedBy: readonly number[];
    readonly witness: AuditEvent | null;
  }[];
}

function analyzeJson(rules: readonly DecidedRule[]): AnalyzeJson {
  return {
    rules: rules.map((r) => ({
      rule: r.rule,
      status: r.status,
      shadowedBy: r.shadowedBy,
      witness: r.witness?.event ?? null,
    })),
  };
}

const rulesList = (xs: readonly number[]): string => (xs.length === 1 ? `rule ${xs[0]}` : `rules ${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function ruleLine(r: DecidedRule, v: KubernetesVersion): string {
  const head = `  rule ${String(r.rule).padEnd(3)} ${r.status.padEnd(13)}`;
  // The analysis compares names as strings; say when its request is one the release never sees.
  const shown = (w: Witness): string => {
    const caveat = requestCaveat(w.attributes, v);
    return caveat ? `${w.description} (${caveat})` : w.description;
  };
  switch (r.status) {
    case 'reachable': {
      const lines = [`${head} e.g. ${r.witness ? printable(shown(r.witness)) : ''}`];
      for (const o of r.overlaps) {
        const how = o.kind === 'generalization' ? 'a narrower rule placed first' : 'partial overlap';
        lines.push(`${' '.repeat(20)}order-sensitive with rule ${o.rule} (${how}): e.g. ${printable(shown(o.example))} goes to rule ${o.rule}`);
      }
      return lines.join('\n');
    }
    case 'shadowed':
      return `${head} ${r.redundant ? 'redundant: ' : ''}${rulesList(r.shadowedBy)} take${r.shadowedBy.length === 1 ? 's' : ''} every request it matches${r.example ? `, e.g. ${printable(shown(r.example))}` : ''}`;
    case 'unsatisfiable':
      return `${head} no request can match it`;
  }
}

function analyzeText(path: string, analysis: PolicyAnalysis, rules: readonly DecidedRule[], v: KubernetesVersion): string {
  const lines = [`${printable(path)}:`];
  const catchAll = catchAllNotLast(analysis);
  if (catchAll) lines.push(`  rule ${catchAll.rule} matches every request, so every rule after it is shadowed; move it to the end`);
  lines.push(...rules.map((r) => ruleLine(r, v)));
  const count = (s: DecidedRule['status']): number => rules.filter((r) => r.status === s).length;
  lines.push(`${count('reachable')} reachable, ${count('shadowed')} shadowed, ${count('unsatisfiable')} unsatisfiable`);
  return `${lines.join('\n')}\n`;
}
