// Typical slips applied to one line of a corpus policy (a line dropped, a field or value misspelt, a
// URL without its slash, a nonResourceURLs key pushed into a rule, a list written as one value, an
// entry losing its dash), shared by the fix fuzz tests.
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
