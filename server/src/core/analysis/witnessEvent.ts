// A witness as the audit Event kube-apiserver would log for it (audit.k8s.io/v1, stage
// ResponseComplete unless the rule omits that stage), so a user can paste it into `explain --event`
// or a replay log. Failed
// authentication is written as an empty user object, as the server does; objectRef is present
// exactly for resource requests and leaves out empty fields (omitempty).
import type { RequestAttributes } from '../attributes.ts';
import type { Level, Stage } from '../model.ts';
import type { AuditEvent, AuditObjectReference } from '../request/auditEvent.ts';
import { requestURI } from './requestURI.ts';

/** A fixed, valid UUID per witness, so output is reproducible. */
const auditID = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0').slice(-12)}`;

/** Stages in the order a witness prefers them: the complete event first. */
const PREFERRED_STAGES: readonly Stage[] = ['ResponseComplete', 'ResponseStarted', 'RequestReceived', 'Panic'];

/** The stage the event is logged at: the first preferred one the rule does not omit. */
const loggedStage = (omitStages: readonly Stage[]): Stage => PREFERRED_STAGES.find((s) => !omitStages.includes(s)) ?? 'ResponseComplete';

export function witnessEvent(a: RequestAttributes, level: Level, id: number, omitStages: readonly Stage[] = []): AuditEvent {
  const event: AuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID: auditID(id),
    stage: loggedStage(omitStages),
    requestURI: requestURI(a),
    verb: a.verb,
    user: a.user === null ? {} : { username: a.user.name, groups: [...a.user.groups] },
  };
  if (!a.isResourceRequest) return event;
  const ref: Record<string, string> = {};
  const fields: [keyof AuditObjectReference, string][] = [
    ['resource', a.resource],
    ['namespace', a.namespace],
    ['name', a.name],
    ['apiGroup', a.apiGroup],
    ['apiVersion', a.apiVersion],
    ['subresource', a.subresource],
  ];
  for (const [k, v] of fields) if (v !== '') ref[k] = v;
  return { ...event, objectRef: ref };
}
