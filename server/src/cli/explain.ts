// `kube-audit-policy explain POLICY (--event FILE|- | --request "METHOD PATH" [--user U] [--group G]...)
// [--format text|json] [--kubernetes-version 1.N]`: which rule a request matches and why every
// earlier rule did not. Exit 0 when the request was evaluated, 2 for bad arguments or input.
import type { RequestAttributes } from '../core/attributes.ts';
import { evaluate } from '../core/evaluate/evaluate.ts';
import type { Evaluation } from '../core/evaluation.ts';
import type { Level, Stage } from '../core/model.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION } from '../core/kubernetesVersion.ts';
import { lint } from '../core/lint.ts';
import { eventToAttributes } from '../core/request/auditEvent.ts';
import { requestInfo, toRequestAttributes } from '../core/request/requestInfo.ts';
import { parseRequestLine } from '../core/request/requestLine.ts';
import { formatOption, parseCommandArgs, singlePolicyPath, targetVersion } from './args.ts';
import { explainText } from './explainText.ts';
import { EXIT_OK, UsageError, type CliIO, type Command } from './io.ts';
import { parseEventJson } from './parseEventJson.ts';
import { readPolicyText } from './readPolicyText.ts';

const USAGE = `Usage: kube-audit-policy explain POLICY (--event FILE | --request "METHOD PATH") [options]

Shows which rule of POLICY a request matches, with the level and omitted stages kube-apiserver
would use, and why each earlier rule did not match. POLICY or FILE may be "-" for standard input.

Options:
  --event FILE                 one audit Event (JSON object) as kube-apiserver logged it; its user is used
  --request "METHOD PATH"      a request line, e.g. "GET /api/v1/namespaces/kube-system/secrets/foo";
                               METHOD is an HTTP method or list, watch, create, update, deletecollection;
                               a full URL is accepted; no METHOD means GET
  --user NAME                  the authenticated user of --request (none: the request has no user)
  --group GROUP                a group of that user (repeatable); kube-apiserver adds system:authenticated
  --format text|json           output format (default: text)
  --kubernetes-version 1.N     the kube-apiserver release to evaluate for (default: ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  -h, --help                   show this help

Exit status: 0 evaluated, 2 usage or input error.`;

interface Input {
  readonly attributes: RequestAttributes;
  /** What the request line or event implies that a reader may not expect. */
  readonly notes: readonly string[];
  /** How the request was given, for the text header. */
  readonly shown: string;
}

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
  const v = targetVersion(values['kubernetes-version']);
  if ((values.event === undefined) === (values.request === undefined)) throw new UsageError('give exactly one of --event FILE or --request "METHOD PATH"');
  if (values.event !== undefined && (values.user !== undefined || values.group !== undefined)) {
    throw new UsageError('--user and --group apply to --request; an --event carries its own user');
  }
  if (values.event === '-' && policyPath === '-') throw new UsageError('standard input ("-") can be given only once');

  const read = await readPolicyText(policyPath, io);
  if (!read.ok) throw new UsageError(`${policyPath === '-' ? 'standard input' : policyPath}: ${read.error}`);
  const input = values.event !== undefined ? await eventInput(values.event, io) : requestInput(values.request as string, values.user, values.group ?? []);

  // Error findings are exactly what makes kube-apiserver refuse the file; explain still answers.
  const { policy, findings } = lint(read.text, { kubernetesVersion: v });
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    io.stderr.write(`kube-audit-policy explain: warning: ${policyPath === '-' ? 'standard input' : policyPath} has ${errors} error${errors === 1 ? '' : 's'}; kube-apiserver ${formatKubernetesVersion(v)} would refuse it (see 'kube-audit-policy lint')\n`);
  }
  const evaluation = evaluate(policy, input.attributes, v);
  if (format === 'json') {
    // stdout stays exactly the contract; notes go to stderr.
    for (const note of input.notes) io.stderr.write(`kube-audit-policy explain: note: ${note}\n`);
    io.stdout.write(`${JSON.stringify(explainJson(input.attributes, evaluation))}\n`);
  } else {
    const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    io.stdout.write(explainText({ file: policyPath, text: read.text, policy, request: input.shown, attributes: input.attributes, evaluation, notes: input.notes, color }));
  }
  return EXIT_OK;
};

/** The JSON contract of `explain --format json` (issue 2), field for field. */
export interface ExplainJson {
  readonly rule: number | null;
  readonly level: Level;
  readonly omitStages: readonly Stage[];
  readonly omitManagedFields: boolean;
  readonly attributes: {
    readonly user: string | null;
    readonly groups: readonly string[];
    readonly verb: string;
    readonly isResourceRequest: boolean;
    readonly namespace: string;
    readonly apiGroup: string;
    readonly apiVersion: string;
    readonly resource: string;
    readonly subresource: string;
    readonly name: string;
    readonly path: string;
  };
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

const AUTHENTICATED = 'system:authenticated';

function requestInput(line: string, user: string | undefined, groups: readonly string[]): Input {
  const parsed = parseRequestLine(line);
  if (!parsed.ok) throw new UsageError(`--request ${JSON.stringify(line)}: ${parsed.error}`);
  const notes = parsed.request.warning === undefined ? [] : [parsed.request.warning];
  if (user === undefined && groups.length > 0) notes.push('no --user was given, so the request has no user and --group is ignored');
  if (user !== undefined && user !== 'system:anonymous' && !groups.includes(AUTHENTICATED)) {
    notes.push(`kube-apiserver adds ${AUTHENTICATED} to the groups of every authenticated user; add --group ${AUTHENTICATED} to see what a real request by ${user} matches`);
  }
  const who = user === undefined ? null : { name: user, groups: [...groups] };
  return { attributes: toRequestAttributes(parsed.request.info, who), notes, shown: `${parsed.request.method} ${parsed.request.target}` };
}

async function eventInput(file: string, io: CliIO): Promise<Input> {
  const where = file === '-' ? 'standard input' : file;
  const read = await readPolicyText(file, io);
  if (!read.ok) throw new UsageError(`--event ${where}: ${read.error}`);
  const json = parseEventJson(read.text);
  if (!json.ok) throw new UsageError(`--event ${where} ${json.error}`);
  const converted = eventToAttributes(json.value);
  if (!converted.ok) throw new UsageError(`--event ${where}: ${converted.error}`);
  const event = json.value as { requestURI?: unknown; impersonatedUser?: { username?: unknown } };
  const notes: string[] = [];
  const impersonated = event.impersonatedUser?.username;
  if (typeof impersonated === 'string' && impersonated !== '') {
    notes.push(`the event impersonates ${impersonated}; the policy is checked against the authenticated user, as kube-apiserver audits before impersonation`);
  }
  const a = converted.attributes;
  if (a.verb === 'create' && a.name !== '' && typeof event.requestURI === 'string') {
    // LogRequestObject fills objectRef.name from the body after the policy was evaluated, so for a
    // create on a collection URL the server matched resourceNames against an empty name.
    const url = requestInfo('POST', event.requestURI);
    if (url.ok && url.info.isResourceRequest && url.info.name === '') {
      notes.push(`objectRef.name ${JSON.stringify(a.name)} was filled from the request body after the policy was evaluated; kube-apiserver matched this create with no name, which matters only for resourceNames`);
    }
  }
  const uri = typeof event.requestURI === 'string' ? ` ${event.requestURI}` : '';
  return { attributes: a, notes, shown: `audit event: ${a.verb}${uri}` };
}
