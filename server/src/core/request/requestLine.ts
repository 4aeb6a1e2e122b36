// The request line a person types (editor "explain request", CLI --request) parsed into what
// kube-apiserver would see. Accepted forms, case-insensitive method:
//   GET /api/v1/namespaces/kube-system/secrets/foo
//   get /api/v1/pods?watch=true
//   DELETE https://my-cluster:6443/apis/apps/v1/namespaces/x/deployments   (scheme and host dropped)
//   /api/v1/nodes                                                           (no method: GET)
//   GET /api/v1/pods HTTP/1.1                                               (as copied from a log)
//   list /api/v1/pods · watch /api/v1/pods · create|update|deletecollection PATH   (Kubernetes verbs)
// A lowercase method is read as the uppercase one: real clients always send uppercase, and a
// literal "get" would reach the server as an unknown method. The Kubernetes verbs that are not also
// HTTP methods are turned into the request that produces them (watch adds ?watch=true), and must
// agree with what kube-apiserver reads from the path.
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

/** Kubernetes verbs that are not HTTP methods, and the method that produces each. */
const KUBE_VERBS: ReadonlyMap<string, HttpMethod> = new Map([
  ['list', 'GET'],
  ['watch', 'GET'],
  ['create', 'POST'],
  ['update', 'PUT'],
  ['deletecollection', 'DELETE'],
]);
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
  const kubeVerb = hasMethod && KUBE_VERBS.has(first.text.toLowerCase()) ? first.text.toLowerCase() : undefined;
  const method = kubeVerb !== undefined ? (KUBE_VERBS.get(kubeVerb) as HttpMethod) : hasMethod ? first.text.toUpperCase() : 'GET';
  if (!isMethod(method)) {
    return fail(
      `unknown HTTP method ${JSON.stringify(first.text)}: expected one of ${HTTP_METHODS.join(', ')} or a Kubernetes verb (${[...KUBE_VERBS.keys()].join(', ')}), e.g. ${EXAMPLE}`,
      first,
    );
  }
  const rest = hasMethod ? ts.slice(1) : ts;
  const urlToken = rest[0];
  if (urlToken === undefined) return fail(`missing path after ${method}: e.g. ${EXAMPLE}`, first);
  const extra = rest[1];
  if (extra !== undefined && !(rest.length === 2 && /^HTTP\/\d(\.\d)?$/i.test(extra.text))) {
    return fail(`unexpected ${JSON.stringify(extra.text)} after the path (spaces in a path must be written %20)`, extra);
  }
  const typed = requestTarget(urlToken.text);
  if (typed === null) return fail(`the path must start with "/" or be a full http(s) URL, got ${JSON.stringify(urlToken.text)}`, urlToken);
  const target = kubeVerb === 'watch' && !/[?&]watch=/.test(typed) ? `${typed}${typed.includes('?') ? '&' : '?'}watch=true` : typed;
  const parsed = requestInfo(method, target);
  if (!parsed.ok) return fail(parsed.error, urlToken);
  if (kubeVerb !== undefined && parsed.info.verb !== kubeVerb) {
    const read = parsed.info.isResourceRequest ? `reads ${method} ${typed} as verb ${JSON.stringify(parsed.info.verb)}` : `reads ${typed} as a non-resource path (verb ${JSON.stringify(parsed.info.verb)})`;
    return fail(`${JSON.stringify(kubeVerb)} does not fit this path: kube-apiserver ${read}`, first);
  }
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
