// What a person gives Explain (the CLI's --request/--user/--group or --event, the editor's input
// boxes): read into the attributes kube-apiserver's policy checker would see, with notes on what
// the server does that a person may not expect. Never throws on user input.
import type { RequestAttributes } from '../attributes.ts';
import { eventToAttributes } from '../request/auditEvent.ts';
import { requestInfo, toRequestAttributes } from '../request/requestInfo.ts';
import { parseRequestLine } from '../request/requestLine.ts';

export interface ExplainInput {
  readonly attributes: RequestAttributes;
  readonly notes: readonly string[];
  /** The request in one line for a header: "GET /api/v1/pods", "audit event: get /api/v1/pods". */
  readonly shown: string;
}

export type ExplainInputResult = { readonly ok: true; readonly input: ExplainInput } | { readonly ok: false; readonly error: string };

/** Groups as a person types them in one box or option: separated by commas or spaces, empty entries dropped. */
export const parseGroups = (text: string): string[] => text.split(/[\s,]+/).filter((g) => g !== '');

const AUTHENTICATED = 'system:authenticated';
const ANONYMOUS = 'system:anonymous';

/** The notes' words for where the user and groups were given: the editor's boxes or the CLI's options. */
export interface UserWording {
  /** Said when groups came without a user. */
  readonly groupsWithoutUser: string;
  /** How to add system:authenticated, e.g. "add that group". */
  readonly addAuthenticated: string;
}

const EDITOR_WORDING: UserWording = {
  groupsWithoutUser: 'no user was given, so the request has no user and its groups are ignored',
  addAuthenticated: 'add that group',
};

/** A request line with its user (undefined: no user, as after failed authentication) and groups. */
export function requestLineInput(line: string, user: string | undefined, groups: readonly string[], wording: UserWording = EDITOR_WORDING): ExplainInputResult {
  const parsed = parseRequestLine(line);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const notes = parsed.request.warning === undefined ? [] : [parsed.request.warning];
  if (user === undefined && groups.length > 0) notes.push(wording.groupsWithoutUser);
  // The authenticated-group adder (pkg/authentication/group) gives every user but anonymous this group.
  if (user !== undefined && user !== ANONYMOUS && !groups.includes(AUTHENTICATED)) {
    notes.push(`kube-apiserver adds ${AUTHENTICATED} to the groups of every authenticated user; ${wording.addAuthenticated} to see what a real request by ${user} matches`);
  }
  const who = user === undefined ? null : { name: user, groups: [...groups] };
  const shown = `${parsed.request.method} ${parsed.request.target}`;
  return { ok: true, input: { attributes: toRequestAttributes(parsed.request.info, who), notes, shown } };
}

/** A decoded audit Event (any JSON value; anything else is reported). */
export function eventInput(event: unknown): ExplainInputResult {
  const converted = eventToAttributes(event);
  if (!converted.ok) return { ok: false, error: converted.error };
  const e = event as { readonly requestURI?: unknown; readonly impersonatedUser?: { readonly username?: unknown } | null };
  const notes: string[] = [];
  const impersonated = e.impersonatedUser?.username;
  if (typeof impersonated === 'string' && impersonated !== '') {
    notes.push(`the event impersonates ${impersonated}; the policy is checked against the authenticated user, as kube-apiserver audits before impersonation`);
  }
  const a = converted.attributes;
  if (a.verb === 'create' && a.name !== '' && typeof e.requestURI === 'string') {
    // LogRequestObject fills objectRef.name from the body after the policy was evaluated, so for a
    // create on a collection URL the server matched resourceNames against an empty name.
    const url = requestInfo('POST', e.requestURI);
    if (url.ok && url.info.isResourceRequest && url.info.name === '') {
      notes.push(`objectRef.name ${JSON.stringify(a.name)} was filled from the request body after the policy was evaluated; kube-apiserver matched this create with no name, which matters only for resourceNames`);
    }
  }
  const uri = typeof e.requestURI === 'string' ? ` ${e.requestURI}` : '';
  return { ok: true, input: { attributes: a, notes, shown: `audit event: ${a.verb}${uri}` } };
}
