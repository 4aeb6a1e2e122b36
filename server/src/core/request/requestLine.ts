// The request line a person types (editor "explain request", CLI --request) parsed into what
// kube-apiserver would see. Accepted forms, case-insensitive method:
//   GET /api/v1/namespaces/kube-system/secrets/foo
//   get /api/v1/pods?watch=true
//   DELETE https://my-cluster:6443/apis/apps/v1/namespaces/x/deployments   (scheme and host dropped)
//   /api/v1/nodes                                                           (no method: GET)
//   GET /api/v1/pods HTTP/1.1                                               (as copied from a log)
// A lowercase method is read as the uppercase one: real clients always send uppercase, and a
// literal "get" would reach the server as an unknown method.
import { requestInfo, type RequestInfo } from './requestInfo.ts';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RequestLine {
  readonly method: HttpMethod;
  /** Path and query as sent to the server. */
  readonly target: string;
  readonly info: RequestInfo;
  /** Something the server would do that a person may not expect (an ignored fieldSelector). */
  readonly warning?: string;
}

export type RequestLineResult =
  | { readonly ok: true; readonly request: RequestLine }
  | { readonly ok: false; readonly error: string; /** Offsets into the line of the offending part. */ readonly start: number; readonly end: number };

const isMethod = (s: string): s is HttpMethod => (HTTP_METHODS as readonly string[]).includes(s);
const EXAMPLE = 'GET /api/v1/namespaces/default/pods';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export function parseRequestLine(line: string): RequestLineResult {
  const fail = (error: string, t?: Token): RequestLineResult => ({ ok: false, error, start: t?.start ?? 0, end: t?.end ?? line.length });
  const ts = tokens(line);
  const first = ts[0];
  if (first === undefined) return fail(`empty request: write METHOD PATH, e.g. ${EXAMPLE}`);
  const hasMethod = !(first.text.startsWith('/') || /^https?:\/\//i.test(first.text));
  const method = hasMethod ? first.text.toUpperCase() : 'GET';
  if (!isMethod(method)) {
    return fail(`unknown HTTP method ${JSON.stringify(first.text)}: expected one of ${HTTP_METHODS.join(', ')} (e.g. ${EXAMPLE})`, first);
  }
  const rest = hasMethod ? ts.slice(1) : ts;
  const urlToken = rest[0];
  if (urlToken === undefined) return fail(`missing path after ${method}: e.g. ${EXAMPLE}`, first);
  const extra = rest[1];
  if (extra !== undefined && !(rest.length === 2 && /^HTTP\/\d(\.\d)?$/i.test(extra.text))) {
    return fail(`unexpected ${JSON.stringify(extra.text)} after the path (spaces in a path must be written %20)`, extra);
  }
  const target = requestTarget(urlToken.text);
  if (target === null) return fail(`the path must start with "/" or be a full http(s) URL, got ${JSON.stringify(urlToken.text)}`, urlToken);
  const parsed = requestInfo(method, target);
  if (!parsed.ok) return fail(parsed.error, urlToken);
  const request: RequestLine =
    parsed.queryWarning === undefined
      ? { method, target, info: parsed.info }
      : { method, target, info: parsed.info, warning: `the query does not decode as list options (${parsed.queryWarning}), so kube-apiserver ignores fieldSelector` };
  return { ok: true, request };
}

/** Path and query of a path or absolute URL, without any #fragment (clients never send it). */
function requestTarget(text: string): string | null {
  const noFragment = text.includes('#') ? text.slice(0, text.indexOf('#')) : text;
  const abs = /^https?:\/\/[^/?]*/i.exec(noFragment);
  if (abs) {
    const rest = noFragment.slice(abs[0].length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return noFragment.startsWith('/') ? noFragment : null;
}
