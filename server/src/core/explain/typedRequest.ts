// The input a person would type into Explain for a request — a request line, a user and groups, as
// in the editor's three boxes ("GET /api/v1/nodes/example" as kubelet) — or null when no such
// input reads back to exactly these attributes: a verb no URL carries (escalate, impersonate), a
// user the user box cannot hold (an empty name, surrounding spaces), a group with a comma or a
// space (the groups box splits on them). Only then does the audit Event have to stand in.
import type { RequestAttributes } from '../attributes.ts';
import { httpMethod } from '../analysis/agreesWithURI.ts';
import { requestURI } from '../analysis/requestURI.ts';
import { requestLineInput } from './explainInput.ts';

export interface TypedRequest {
  readonly request: string;
  /** "" for a request without a user. */
  readonly user: string;
  readonly groups: readonly string[];
}

/** Verbs a request line may name itself (parseRequestLine accepts them); clearer than GET/DELETE on a collection. */
const VERB_WORDS = new Set(['list', 'watch', 'deletecollection']);

export function typedRequest(a: RequestAttributes): TypedRequest | null {
  const method = httpMethod(a);
  if (method === undefined) return null;
  const user = a.user?.name ?? '';
  const groups = a.user?.groups ?? [];
  if (a.user !== null && (user === '' || user !== user.trim())) return null;
  if (groups.some((g) => g === '' || /[\s,]/.test(g))) return null;
  const verbWord = a.isResourceRequest && VERB_WORDS.has(a.verb);
  // "watch PATH" adds ?watch=true when read back.
  const target = a.verb === 'watch' && verbWord ? requestURI(a).replace(/[?&]watch=true$/, '') : requestURI(a);
  const request = `${verbWord ? a.verb : method} ${target}`;
  const read = requestLineInput(request, a.user === null ? undefined : user, groups);
  return read.ok && sameAttributes(read.input.attributes, a) ? { request, user, groups: [...groups] } : null;
}

function sameAttributes(x: RequestAttributes, y: RequestAttributes): boolean {
  const [u, v] = [x.user, y.user];
  const users = u === null || v === null ? u === v : u.name === v.name && u.groups.length === v.groups.length && u.groups.every((g, i) => g === v.groups[i]);
  // Every other attribute is a string or a boolean.
  return users && (Object.keys(y) as (keyof RequestAttributes)[]).every((k) => k === 'user' || x[k] === y[k]);
}
