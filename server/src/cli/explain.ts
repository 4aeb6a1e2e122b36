// `kube-audit-policy explain POLICY (--event FILE|- | --request "METHOD PATH" [--user U] [--group G]...)
// [--format text|json] [--kubernetes-version 1.N]`: which rule a request matches and why every
// earlier rule did not. Exit 0 when the request was evaluated, 2 for bad arguments or input.
import { caveatNotes } from '../core/checks/catalog/requestCaveat.ts';
import type { RequestAttributes } from '../core/attributes.ts';
import { evaluate } from '../core/evaluate/evaluate.ts';
import type { Evaluation } from '../core/evaluation.ts';
import type { Level, Stage } from '../core/model.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { eventInput, parseGroups, requestLineInput, type ExplainInput, type UserWording } from '../core/explain/explainInput.ts';
import { lint } from '../core/lint.ts';
import { formatOption, parseCommandArgs, singlePolicyPath, versionOption } from './args.ts';
import { explainText } from './explainText.ts';
import { readOnePolicy } from './inputs.ts';
import { EXIT_OK, EXIT_USAGE, inputName, tell, UsageError, type CliIO, type Command } from './io.ts';
import { parseEventJson } from '../io/parseEventJson.ts';
import { readPolicyText } from '../io/readPolicyText.ts';
import { terminalColor } from './terminalColor.ts';
import { warnIfRefused } from './warnIfRefused.ts';

const USAGE = `Usage: kube-audit-policy explain POLICY (--event FILE | --request "METHOD PATH") [options]

Shows which rule of POLICY a request matches, with the level and omitted stages kube-apiserver
would use, and why each earlier rule did not match. POLICY or FILE may be "-" for standard input.

Options:
  --event FILE                 one audit Event (JSON object) as kube-apiserver logged it; its user is used
  --request "METHOD PATH"      a request line, e.g. "GET /api/v1/namespaces/kube-system/secrets/foo";
                               METHOD is an HTTP method or list, watch, create, update, deletecollection;
                               a full URL is accepted; no METHOD means GET
  --user NAME                  the authenticated user of --request (none: the request has no user)
  --group GROUP[,GROUP]        groups of that user (repeatable; commas or spaces separate groups, as in
                               the editor); kube-apiserver adds system:authenticated
  --format text|json           output format (default: text)
  --kubernetes-version 1.N     the kube-apiserver release to evaluate for (default: the config file's,
                               else ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  -h, --help                   show this help

Exit status: 0 evaluated, 2 usage or input error.`;

export const explainCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    event: { type: 'string' },
    request: { type: 'string' },
    user: { type: 'string' },
    group: { type: 'string', multiple: true },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const policyPath = singlePolicyPath(positionals, USAGE);
  const format = formatOption(values.format, ['text', 'json']);
  const version = versionOption(values['kubernetes-version']);
  if ((values.event === undefined) === (values.request === undefined)) throw new UsageError('give exactly one of --event FILE or --request "METHOD PATH"');
  if (values.event !== undefined && (values.user !== undefined || values.group !== undefined)) {
    throw new UsageError('--user and --group apply to --request; an --event carries its own user');
  }
  if (values.event === '-' && policyPath === '-') throw new UsageError('standard input ("-") can be given only once');

  const read = await readOnePolicy('explain', policyPath, io, version);
  if (!read) return EXIT_USAGE;
  const v = read.settings.kubernetesVersion;
  const input = values.event !== undefined ? await eventFileInput(values.event, io) : requestInput(values.request as string, values.user, parseGroups((values.group ?? []).join(',')));

  const { policy, findings } = lint(read.text, { kubernetesVersion: v });
  warnIfRefused(io, 'explain', inputName(policyPath), findings, v);
  const evaluation = evaluate(policy, input.attributes, v);
  const notes = [...input.notes, ...caveatNotes(input.attributes, v)];
  if (format === 'json') {
    // stdout stays exactly the contract; notes go to stderr.
    for (const note of notes) tell(io, 'explain', `note: ${note}`);
    io.stdout.write(`${JSON.stringify(explainJson(input.attributes, evaluation))}\n`);
  } else {
    io.stdout.write(explainText({ file: policyPath, text: read.text, policy, request: input.shown, attributes: input.attributes, evaluation, notes, color: terminalColor(io) }));
  }
  return EXIT_OK;
};

/** The JSON contract of `explain --format json` (issue 2), field for field. */
export interface ExplainJson {
  readonly rule: number | null;
  readonly level: Level;
  readonly omitStages: readonly Stage[];
  readonly omitManagedFields: boolean;
  /** The request attributes with the user flattened into its name and groups. */
  readonly attributes: Omit<RequestAttributes, 'user'> & { readonly user: string | null; readonly groups: readonly string[] };
  readonly trace: readonly { readonly rule: number; readonly matched: boolean; readonly reason: string }[];
}

export function explainJson(a: RequestAttributes, e: Evaluation): ExplainJson {
  return {
    rule: e.rule,
    level: e.level,
    omitStages: e.omitStages,
    omitManagedFields: e.omitManagedFields,
    attributes: {
      user: a.user === null ? null : a.user.name,
      groups: a.user === null ? [] : a.user.groups,
      verb: a.verb,
      isResourceRequest: a.isResourceRequest,
      namespace: a.namespace,
      apiGroup: a.apiGroup,
      apiVersion: a.apiVersion,
      resource: a.resource,
      subresource: a.subresource,
      name: a.name,
      path: a.path,
    },
    trace: e.trace.map((t) => ({ rule: t.rule, matched: t.matched, reason: t.reason })),
  };
}

/** The notes name the options a person can change. */
const OPTION_WORDING: UserWording = {
  groupsWithoutUser: 'no --user was given, so the request has no user and --group is ignored',
  addAuthenticated: 'add --group system:authenticated',
};

function requestInput(line: string, user: string | undefined, groups: readonly string[]): ExplainInput {
  const read = requestLineInput(line, user, groups, OPTION_WORDING);
  if (!read.ok) throw new UsageError(`--request ${JSON.stringify(line)}: ${read.error}`);
  return read.input;
}

async function eventFileInput(file: string, io: CliIO): Promise<ExplainInput> {
  const where = inputName(file);
  const read = await readPolicyText(file, io);
  if (!read.ok) throw new UsageError(`--event ${where}: ${read.error}`);
  const json = parseEventJson(read.text);
  if (!json.ok) throw new UsageError(`--event ${where} ${json.error}`);
  const converted = eventInput(json.value);
  if (!converted.ok) throw new UsageError(`--event ${where}: ${converted.error}`);
  return converted.input;
}
