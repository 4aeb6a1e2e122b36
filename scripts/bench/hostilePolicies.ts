// Hostile policies from issue 15 (each once froze or killed every command and the language server),
// generated rather than stored: the robustness tests and `npm run bench` build the same texts.
const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

const list = (prefix: string, n: number): string => `[${Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ')}]`;

/** Rules each listing `n` users and `n` userGroups (2 rules of 2,000: 43 KB that ran out of memory). */
export function manyUsersAndGroups(rules = 2, n = 2000): string {
  const body = Array.from({ length: rules }, (_, r) => `  - level: Metadata\n    users: ${list(`u${r}-`, n)}\n    userGroups: ${list(`g${r}-`, n)}\n`);
  return `${HEADER}rules:\n${body.join('')}`;
}

/** The same lists written once and repeated by aliases (38 KB in the issue). */
export function aliasedUsersAndGroups(rules = 2, n = 2000): string {
  const lists = `x-users: &users ${list('u', n)}\nx-groups: &groups ${list('g', n)}\n`;
  return `${HEADER}${lists}rules:\n${'  - level: Metadata\n    users: *users\n    userGroups: *groups\n'.repeat(rules)}`;
}

/** One rule with `n` unknown keys (100,000: 1.5 MB, quadratic in the shape check). */
export function unknownKeys(n = 100_000): string {
  return `${HEADER}rules:\n  - level: Metadata\n${Array.from({ length: n }, (_, i) => `    k${i}: 1\n`).join('')}`;
}

/** `n` rules naming an anchor that is never defined (5,000 took 35 s). */
export function undefinedAliases(n = 5000): string {
  return `${HEADER}rules:\n${'  - level: Metadata\n    verbs: [*a]\n'.repeat(n)}`;
}

/** Lists of aliases nested `depth` levels, each `width` wide: width^depth nodes from a few hundred bytes. */
export function nestedAliases(depth = 9, width = 9): string {
  const lines = [`x0: &a0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i <= depth; i++) lines.push(`x${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `${HEADER}${lines.join('\n')}\nrules:\n  - level: Metadata\n    verbs: *a${depth}\n`;
}

/** `n` rules in one flow-style line (30,000: 1 MB, each with its own verb). */
export function flowRules(n = 30_000): string {
  return `${HEADER}rules: [${Array.from({ length: n }, (_, i) => `{level: Metadata, verbs: [v${i}]}`).join(', ')}]\n`;
}
