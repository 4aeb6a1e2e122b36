// invalid-non-resource-url: a path written without its leading "/" (`healthz` -> `/healthz`). Other
// invalid forms (a "*" in the middle) have no single obvious repair and get no fix.
import type { FixProvider } from './fix.ts';
import { scalarEdit } from './scalarEdit.ts';

const VALID = /^(?:\*|\/[^*]*\*?)$/;

export const nonResourceUrlFix: FixProvider = (finding, { yaml, text }) => {
  const s = yaml.stringAt(finding.span.start);
  if (!s || s.value.startsWith('/') || !VALID.test(`/${s.value}`)) return [];
  return [{ title: `Change '${s.value}' to '/${s.value}'`, edits: [scalarEdit(text, s.span, `/${s.value}`)], preferred: true }];
};
