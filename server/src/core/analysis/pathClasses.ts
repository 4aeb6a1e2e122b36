// The finitely many kinds of request path a policy can tell apart. nonResourceURLs match a path
// exactly, by "*", or by a prefix ("/healthz*" = every path starting with "/healthz"). Paths start
// with "/" and contain no "?" (kube-apiserver's URL parsing), so the classes are: each exact path the
// policy names, and for each prefix p (and the empty root prefix) the other paths whose longest
// named prefix is p. Two paths of one class are matched by exactly the same specs: a prefix spec q
// matches a member iff q is a prefix of p (q is a named prefix, so it cannot be longer than the
// member's longest one), and no member equals an exact spec.

export interface PathClasses {
  /** One representative path per class; every member of a class matches the same specs. */
  readonly representatives: readonly string[];
}

const isPossiblePath = (s: string): boolean => s.startsWith('/') && !s.includes('?');

/** The prefix a trailing-"*" spec stands for (kube-apiserver trims every trailing "*"). */
const specPrefix = (spec: string): string | undefined => (spec !== '*' && spec.endsWith('*') ? spec.replace(/\*+$/, '') : undefined);

export function pathClasses(specs: Iterable<string>): PathClasses {
  const literals = new Set<string>();
  const prefixes = new Set<string>(['']);
  for (const spec of specs) {
    if (spec === '*') continue;
    const p = specPrefix(spec);
    if (p === undefined) {
      if (isPossiblePath(spec)) literals.add(spec);
    } else if (p === '' || isPossiblePath(p)) prefixes.add(p);
  }
  // Looks up the path's own prefixes, longest first: cost grows with the path, not the policy, and
  // the scan below tries a new character only once per spec that continues a prefix by one.
  const longestPrefix = (path: string): string => {
    for (let k = path.length; k > 0; k--) if (prefixes.has(path.slice(0, k))) return path.slice(0, k);
    return '';
  };
  const representatives = [...literals];
  for (const p of prefixes) {
    const rep = prefixRepresentative(p, literals, prefixes, longestPrefix);
    if (rep !== undefined) representatives.push(rep);
  }
  return { representatives };
}

const ROOT_CANDIDATES = ['/version', '/metrics', '/openapi/v2'];

/** A path whose longest named prefix is p and which is no exact spec; undefined when none exists. */
function prefixRepresentative(
  p: string,
  literals: ReadonlySet<string>,
  prefixes: ReadonlySet<string>,
  longestPrefix: (path: string) => string,
): string | undefined {
  const fits = (w: string): boolean => isPossiblePath(w) && !literals.has(w) && longestPrefix(w) === p;
  const pretty = p === '' ? ROOT_CANDIDATES : [p, p.endsWith('/') ? `${p}example` : `${p}/example`];
  for (const w of pretty) if (fits(w)) return w;
  // Every path has the prefix "/", so when "/" is itself a named prefix the root class is empty.
  const base = p === '' ? '/' : p;
  if (base !== p && prefixes.has(base)) return undefined;
  // base + c has a longer named prefix or is an exact spec only for the finitely many c that some
  // spec continues with, so scanning characters (never "?") finds one.
  for (let code = 0x61; code < 0xd800; code++) {
    const w = base + String.fromCharCode(code);
    if (code !== 0x3f && fits(w)) return w;
  }
  return undefined;
}
