// Typical slips applied to one line of a corpus policy (a line dropped, a field or value misspelt, a
// URL without its slash, a nonResourceURLs key pushed into a rule, a list written as one value, an
// entry losing its dash), and fast-check's choice of a file and of slips, shared by the fix fuzz tests.
import fc from 'fast-check';

export const MUTATIONS: readonly ((line: string) => string)[] = [
  () => '',
  (l) => l.replace('resources', 'resource'),
  (l) => l.replace('verbs', 'verb'),
  (l) => l.replace('Metadata', 'metadata'),
  (l) => l.replace('group: ""', 'group: core'),
  (l) => l.replace(/"(\w+)"/, '"$1s"'),
  (l) => l.replace('pods', 'Pod'),
  (l) => l.replace(/\/(\w)/, '$1'),
  (l) => l.replace(/- level: (\w+)/, '- level: $1\n  nonResourceURLs: ["/x"]'),
  (l) => l.replace(/apps/, 'apps/v1'),
  (l) => l.replace(/: \["?([\w/*:.-]+)"?\]/, ': $1'),
  (l) => l.replace(/- group: /, 'group: '),
];

export interface Mutant {
  /** Index of the file to mutate. */
  readonly file: number;
  readonly edits: readonly { readonly line: number; readonly mutation: number }[];
}

/** A file among `files` and `minEdits` to `maxEdits` slips on random lines of it. */
export const mutant = (files: number, minEdits: number, maxEdits: number): fc.Arbitrary<Mutant> =>
  fc.record({
    file: fc.integer({ min: 0, max: files - 1 }),
    edits: fc.array(fc.record({ line: fc.nat(), mutation: fc.integer({ min: 0, max: MUTATIONS.length - 1 }) }), { minLength: minEdits, maxLength: maxEdits }),
  });

/** The text with the mutant's slips applied. */
export function mutated(text: string, { edits }: Mutant): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.line % lines.length;
    lines[i] = (MUTATIONS[e.mutation] as (l: string) => string)(lines[i] as string);
  }
  return lines.join('\n');
}
