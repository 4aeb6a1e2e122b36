// `kube-audit-policy sql POLICY [--from EXPR] [--column NAME] [--summary | --per-event]
// [--envelope cloudwatch|aks] [--top N] [--kubernetes-version 1.N]`: prints the policy compiled to
// one ClickHouse SELECT (core/sql), to run where the logs are. Exit 0 when printed, 2 for bad
// arguments or an unreadable policy.
import { CLOUD_ENVELOPE_NAMES, CLOUD_ENVELOPES, isCloudEnvelopeName } from '../core/envelope/cloudEnvelopes.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import { perEventQuery, PER_EVENT_COLUMNS, SUMMARY_DEFAULTS, summarySql } from '../core/sql/compileSql.ts';
import { DEFAULT_SOURCE } from '../core/sql/sourceColumns.ts';
import { parseCommandArgs, singlePolicyPath, versionOption } from './args.ts';
import { readOnePolicy } from './inputs.ts';
import { EXIT_OK, EXIT_USAGE, inputName, UsageError, type Command } from './io.ts';
import { warnIfRefused } from './warnIfRefused.ts';

const USAGE = `Usage: kube-audit-policy sql POLICY [options]

Prints one ClickHouse SELECT that evaluates POLICY over audit Events stored as JSON text, one per
row, exactly as kube-apiserver's policy checker (and 'kube-audit-policy replay') decides. Run it
where the logs are: clickhouse local over files, or a ClickHouse cluster over S3 (s3Cluster).

Options:
  --from EXPR                  the table expression to read (default: ${DEFAULT_SOURCE.from}),
                               e.g. file('audit-*.log.gz', 'LineAsString'),
                               s3('https://bucket.s3.amazonaws.com/audit/*.gz', 'LineAsString'),
                               s3Cluster('default', 'https://...', 'LineAsString'), or a table
  --column NAME                the column holding each event's JSON text (default: ${DEFAULT_SOURCE.column})
  --summary                    the replay summary: totals, per rule, busiest request shapes, bytes,
                               rows that are not audit Events (default)
  --per-event                  one row per input row: ${PER_EVENT_COLUMNS.join(', ')}
  --envelope ${CLOUD_ENVELOPE_NAMES.join('|').padEnd(17)} each row is a ${CLOUD_ENVELOPE_NAMES.map((n) => `${CLOUD_ENVELOPES[n].title} (${n})`).join(' or an ')}
                               holding the Event as JSON text
  --top N                      request shapes listed in the summary (default: ${SUMMARY_DEFAULTS.topShapes})
  --kubernetes-version 1.N     the kube-apiserver release (default: the config file's, else ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  -h, --help                   show this help

Example:
  clickhouse local --query "$(kube-audit-policy sql policy.yaml --from "file('audit.log', 'LineAsString')")"

Exit status: 0 printed, 2 usage error or a policy that could not be read.`;

export const sqlCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: 'string' },
    column: { type: 'string' },
    summary: { type: 'boolean' },
    'per-event': { type: 'boolean' },
    envelope: { type: 'string' },
    top: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const policyPath = singlePolicyPath(positionals, USAGE);
  if (values.format !== undefined) throw new UsageError('sql prints SQL; choose its rows with --summary or --per-event');
  if (values.summary && values['per-event']) throw new UsageError('give one of --summary or --per-event');
  const perEvent = values['per-event'] === true;
  const top = values.top === undefined ? SUMMARY_DEFAULTS.topShapes : Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top '${values.top}' is not a whole number`);
  if (perEvent && values.top !== undefined) throw new UsageError('--top applies to --summary');
  const from = values.from ?? DEFAULT_SOURCE.from;
  const column = values.column ?? DEFAULT_SOURCE.column;
  if (from.trim() === '') throw new UsageError('--from needs a table expression');
  if (column === '') throw new UsageError('--column needs a column name');
  const envelope = values.envelope;
  if (envelope !== undefined && !isCloudEnvelopeName(envelope)) throw new UsageError(`unknown envelope '${envelope}' (expected ${CLOUD_ENVELOPE_NAMES.join(' or ')})`);
  const version = versionOption(values['kubernetes-version']);

  const read = await readOnePolicy('sql', policyPath, io, version);
  if (!read) return EXIT_USAGE;
  const v = read.settings.kubernetesVersion;
  const { policy, findings } = loadPolicy(read.text, v);
  warnIfRefused(io, 'sql', inputName(policyPath), findings, v);
  const source = { from, column, ...(envelope === undefined ? {} : { envelope: CLOUD_ENVELOPES[envelope] }) };
  const o = { source, kubernetesVersion: v };
  io.stdout.write(perEvent ? perEventQuery(policy, o) : summarySql(policy, { ...o, topShapes: top, listedErrors: SUMMARY_DEFAULTS.listedErrors }));
  return EXIT_OK;
};
