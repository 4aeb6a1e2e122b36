// An audit.k8s.io Event as the log backend writes it (the fields we read), and the request
// attributes the policy checker saw when it produced the event.
//
// Why these choices (k8s.io/apiserver pkg/endpoints/filters and pkg/audit):
// - The audit filter runs before impersonation, so the policy saw `user` (the authenticated
//   user), never `impersonatedUser`.
// - Failed authentication is audited with an empty `user` ({}): no user, so rules with users or
//   userGroups do not match it.
// - `objectRef` is set exactly for resource requests (NewEventFromRequest); its fields are the
//   RequestInfo fields. Otherwise the request was non-resource and the checker matched URL.Path:
//   requestURI without its query, percent-decoded (requestURI is URL.RequestURI(), the escaped form).
// - audit.k8s.io/v1alpha1 wrote the group and version together in objectRef.apiVersion ("apps/v1")
//   (pkg/apis/audit/v1alpha1/conversion.go).
import type { RequestAttributes, UserInfo } from '../attributes.ts';
import { unescapePath } from './unescapePath.ts';
import { isJsonObject, type JsonObject } from '../jsonObject.ts';

export interface AuditUserInfo {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export interface AuditObjectReference {
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly resourceVersion?: string;
  readonly subresource?: string;
}

export interface AuditEvent {
  readonly kind?: 'Event';
  /** audit.k8s.io/v1, or v1beta1/v1alpha1 from older servers; absent in items saved from an EventList. */
  readonly apiVersion?: string;
  readonly level?: string;
  readonly auditID?: string;
  readonly stage?: string;
  readonly requestURI?: string;
  readonly verb: string;
  readonly user?: AuditUserInfo;
  readonly impersonatedUser?: AuditUserInfo;
  readonly sourceIPs?: readonly string[];
  readonly userAgent?: string;
  readonly objectRef?: AuditObjectReference;
  readonly requestReceivedTimestamp?: string;
  readonly stageTimestamp?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

export const AUDIT_API_VERSIONS = ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'audit.k8s.io/v1alpha1'] as const;

export type EventAttributesResult =
  | { readonly ok: true; readonly attributes: RequestAttributes }
  | { readonly ok: false; readonly error: string };

const describe = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : `${typeof x} ${short(x)}`);
function short(x: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    // Not JSON data (a BigInt, a symbol): the caller did not get it from JSON.parse.
    s = `(${typeof x})`;
  }
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

class EventError extends Error {}

/** Never throws: anything that is not an audit Event gives an error message naming the field. */
export function eventToAttributes(event: unknown): EventAttributesResult {
  try {
    return { ok: true, attributes: toAttributes(event) };
  } catch (e) {
    if (e instanceof EventError) return { ok: false, error: e.message };
    // Only a non-JSON value with throwing accessors gets here; report it like any other bad input.
    return { ok: false, error: `not an audit Event: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function toAttributes(event: unknown): RequestAttributes {
  if (!isJsonObject(event)) throw new EventError(`not an audit Event: expected a JSON object, got ${describe(event)}`);
  const kind = event['kind'];
  if (kind === 'EventList') throw new EventError('not an audit Event: this is an EventList; pass its items');
  if (kind !== undefined && kind !== 'Event') throw new EventError(`not an audit Event: kind must be "Event", got ${describe(kind)}`);
  const apiVersion = event['apiVersion'];
  if (apiVersion !== undefined && !(AUDIT_API_VERSIONS as readonly unknown[]).includes(apiVersion)) {
    throw new EventError(`not an audit Event: apiVersion must be one of ${AUDIT_API_VERSIONS.join(', ')}, got ${describe(apiVersion)}`);
  }
  const verb = event['verb'];
  // "" is a real verb: a resource request with a method the server does not map (e.g. OPTIONS).
  if (typeof verb !== 'string') {
    throw new EventError(`not an audit Event: "verb" must be a string, got ${verb === undefined ? 'nothing' : describe(verb)}`);
  }
  const user = userOf(event['user']);
  const requestURI = optionalString(event, 'requestURI', 'requestURI');
  const path = requestURI === '' ? '' : pathOf(requestURI);
  const ref = event['objectRef'];
  if (ref === undefined || ref === null) {
    if (requestURI === '') throw new EventError('not an audit Event: it has neither objectRef (resource request) nor requestURI (non-resource request)');
    return { user, verb, isResourceRequest: false, namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '', path };
  }
  if (!isJsonObject(ref)) throw new EventError(`objectRef must be an object, got ${describe(ref)}`);
  let apiGroup = optionalString(ref, 'apiGroup', 'objectRef.apiGroup');
  let refVersion = optionalString(ref, 'apiVersion', 'objectRef.apiVersion');
  if (apiVersion === 'audit.k8s.io/v1alpha1') {
    // v1alpha1 has no apiGroup field; its conversion splits apiVersion at the last "/".
    const slash = refVersion.lastIndexOf('/');
    apiGroup = slash === -1 ? '' : refVersion.slice(0, slash);
    refVersion = refVersion.slice(slash + 1);
  }
  return {
    user,
    verb,
    isResourceRequest: true,
    namespace: optionalString(ref, 'namespace', 'objectRef.namespace'),
    apiGroup,
    apiVersion: refVersion,
    resource: optionalString(ref, 'resource', 'objectRef.resource'),
    subresource: optionalString(ref, 'subresource', 'objectRef.subresource'),
    name: optionalString(ref, 'name', 'objectRef.name'),
    path,
  };
}

function optionalString(o: JsonObject, key: string, label: string): string {
  const v = o[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new EventError(`${label} must be a string, got ${describe(v)}`);
  return v;
}

function userOf(u: unknown): UserInfo | null {
  if (u === undefined || u === null) return null;
  if (!isJsonObject(u)) throw new EventError(`user must be an object, got ${describe(u)}`);
  const name = optionalString(u, 'username', 'user.username');
  const g = u['groups'];
  let groups: string[] = [];
  if (g !== undefined && g !== null) {
    if (!Array.isArray(g)) throw new EventError(`user.groups must be an array of strings, got ${describe(g)}`);
    groups = g.map((x, i) => {
      if (typeof x !== 'string') throw new EventError(`user.groups[${i}] must be a string, got ${describe(x)}`);
      return x;
    });
  }
  // An unauthenticated request is audited with an empty user object.
  if (name === '' && groups.length === 0) return null;
  return { name, groups };
}

function pathOf(requestURI: string): string {
  const q = requestURI.indexOf('?');
  const raw = q === -1 ? requestURI : requestURI.slice(0, q);
  return unescapePath(raw) ?? raw;
}
