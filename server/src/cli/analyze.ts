// `kube-audit-policy analyze POLICY [--format text|json] [--kubernetes-version 1.N]`: for every
// rule, whether a request can reach it (with a witness audit Event it matches first), or why not
// (shadowed by earlier rules, or unsatisfiable). Exit 0 when analysed, 2 for bad arguments or input.
import { analyzePolicy, DEFAULT_ANALYSIS_BUDGET, type PolicyAnalysis, type RuleAnalysis, type RuleStatus } from '../core/analysis/analyzePolicy.ts';
import { catchAllNotLast } from '../core/analysis/reachabilityFindings.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import type { AuditEvent } from '../core/request/auditEvent.ts';
import { formatOption, parseCommandArgs, singlePolicyPath, targetVersion } from './args.ts';
import { EXIT_OK, UsageError, type Command } from './io.ts';
import { inputName, readPolicyText } from './readPolicyText.ts';
import { warnIfRefused } from './warnIfRefused.ts';

/** The CLI is not bound to a keystroke: it may work far longer than the editor before giving up. */
const CLI_BUDGET = DEFAULT_ANALYSIS_BUDGET * 50;

const USAGE = `Usage: kube-audit-policy analyze POLICY [options]

Proves, for every rule of POLICY, whether some request can reach it (first match wins). A reachable
rule comes with a witness: an audit Event it matches first, ready for 'explain --event'. Otherwise the
rule is shadowed (earlier rules take every request it matches; shadowedBy names them) or
unsatisfiable (no request can match it). POLICY may be "-" for standard input.

Options:
  --format text|json           output format (default: text)
  --kubernetes-version 1.N     the kube-apiserver release to analyse for (default: ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  -h, --help                   show this help

Exit status: 0 analysed, 2 usage or input error.`;

export const analyzeCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {});
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const path = singlePolicyPath(positionals, USAGE);
  const format = formatOption(values.format, ['text', 'json']);
  const v = targetVersion(values['kubernetes-version']);
  const read = await readPolicyText(path, io);
  if (!read.ok) throw new UsageError(`${inputName(path)}: ${read.error}`);
  const { policy, findings } = loadPolicy(read.text, v);
  warnIfRefused(io, 'analyze', path, findings, v);
  const analysis = analyzePolicy(policy, { kubernetesVersion: v, budget: CLI_BUDGET });
  if (!analysis.complete) {
    io.stderr.write(`kube-audit-policy analyze: warning: the analysis stopped at its budget; rules with status "unknown" were not decided\n`);
  }
  io.stdout.write(format === 'json' ? `${JSON.stringify(analyzeJson(analysis))}\n` : analyzeText(path, analysis));
  return EXIT_OK;
};

/** The JSON contract of `analyze --format json` (issue 3), field for field. */
interface AnalyzeJson {
  readonly rules: readonly {
    readonly rule: number;
    readonly status: RuleStatus;
    readonly shadowedBy: readonly number[];
    readonly witness: AuditEvent | null;
  }[];
}

function analyzeJson(analysis: PolicyAnalysis): AnalyzeJson {
  return {
    rules: analysis.rules.map((r) => ({
      rule: r.rule,
      status: r.status,
      shadowedBy: r.shadowedBy,
      witness: r.witness?.event ?? null,
    })),
  };
}

const rulesList = (xs: readonly number[]): string => (xs.length === 1 ? `rule ${xs[0]}` : `rules ${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function ruleLine(r: RuleAnalysis): string {
  const head = `  rule ${String(r.rule).padEnd(3)} ${r.status.padEnd(13)}`;
  switch (r.status) {
    case 'reachable': {
      const lines = [`${head} e.g. ${r.witness?.description ?? ''}`];
      for (const o of r.overlaps) {
        const how = o.kind === 'generalization' ? 'a narrower rule placed first' : 'partial overlap';
        lines.push(`${' '.repeat(20)}order-sensitive with rule ${o.rule} (${how}): e.g. ${o.example.description} goes to rule ${o.rule}`);
      }
      return lines.join('\n');
    }
    case 'shadowed':
      return `${head} ${r.redundant ? 'redundant: ' : ''}${rulesList(r.shadowedBy)} take${r.shadowedBy.length === 1 ? 's' : ''} every request it matches${r.example ? `, e.g. ${r.example.description}` : ''}`;
    case 'unsatisfiable':
      return `${head} no request can match it`;
    case 'unknown':
      return `${head} not decided (the analysis stopped at its budget)`;
  }
}

function analyzeText(path: string, analysis: PolicyAnalysis): string {
  const lines = [`${path}:`];
  const catchAll = catchAllNotLast(analysis);
  if (catchAll) lines.push(`  rule ${catchAll.rule} matches every request, so every rule after it is shadowed; move it to the end`);
  lines.push(...analysis.rules.map(ruleLine));
  const count = (s: RuleAnalysis['status']): number => analysis.rules.filter((r) => r.status === s).length;
  lines.push(`${count('reachable')} reachable, ${count('shadowed')} shadowed, ${count('unsatisfiable')} unsatisfiable${count('unknown') ? `, ${count('unknown')} not decided` : ''}`);
  return `${lines.join('\n')}\n`;
}
