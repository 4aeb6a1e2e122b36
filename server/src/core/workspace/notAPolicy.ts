// The one finding for a file the CLI was given by name that is plainly no audit policy (an audit log,
// a Deployment): it says what the file is instead of reporting every way it fails to be a policy (an
// audit log once gave 3,655 errors).
import { finding, type Finding } from '../findings.ts';
import { firstLineSpan } from '../load/firstLineSpan.ts';

const EVENT = /"kind"\s*:\s*"Event"|"auditID"\s*:/;
const EVENT_LIST = /"kind"\s*:\s*"EventList"/;
const YAML_FIELD = (name: string): RegExp => new RegExp(`^[ \\t]*["']?${name}["']?[ \\t]*:[ \\t]*["']?([^\\s"',}]+)`, 'm');
const JSON_FIELD = (name: string): RegExp => new RegExp(`"${name}"\\s*:\\s*"([^"]+)"`);

/** A value quoted from the file, kept short: a hostile file may hold a megabyte there, and the message is one line. */
const quoted = (s: string): string => JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…` : s);

function field(text: string, name: string): string | undefined {
  return (JSON_FIELD(name).exec(text) ?? YAML_FIELD(name).exec(text))?.[1];
}

const REPLAY = 'replay it against one: kube-audit-policy replay POLICY LOG';

/**
 * What the text plainly is when it is something other than a policy: audit events, or a Kubernetes
 * object of another API group. undefined when it may be a policy, even a half-written one without a
 * header, or one of the wrong kind in audit.k8s.io (lint's wrong-kind says what to do).
 */
export function otherKind(text: string): string | undefined {
  if (EVENT_LIST.test(text)) return `This is an audit EventList, not an audit policy; ${REPLAY}.`;
  if (EVENT.test(text)) return `This is an audit log, not an audit policy; ${REPLAY}.`;
  const apiVersion = field(text, 'apiVersion');
  const kind = field(text, 'kind');
  if (apiVersion === undefined || kind === undefined) return undefined;
  if (kind === 'Event' || kind === 'EventList') return `This is an audit ${kind}, not an audit policy; ${REPLAY}.`;
  if (apiVersion.startsWith('audit.k8s.io/')) return undefined;
  return `Not an audit policy but a Kubernetes ${quoted(kind)} of ${quoted(apiVersion)}; it was not checked.`;
}

/** The finding for a text otherKind() described: on its first line. */
export function notAPolicyFinding(text: string, description: string): Finding {
  return finding('not-a-policy', description, firstLineSpan(text, text.length - text.trimStart().length), null);
}
