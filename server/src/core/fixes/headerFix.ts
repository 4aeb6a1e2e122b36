// missing-api-version / missing-kind: insert the missing header lines above the first key, at its
// indentation (4-space documents stay 4-space), or into a flow mapping, or as the whole document.
import { AUDIT_V1 } from './apiVersionFix.ts';
import { edit, type FixProvider } from './fix.ts';
import { column, lineBreak, lineStart } from './textLines.ts';

export const headerFix: FixProvider = (_finding, { yaml, text }) => {
  const root = yaml.root;
  const missing = [
    ...(root?.has('apiVersion') ? [] : [`apiVersion: ${AUDIT_V1}`]),
    ...(root?.has('kind') ? [] : ['kind: Policy']),
  ];
  if (missing.length === 0) return [];
  const title = `Add ${missing.join(' and ')}`;
  const nl = lineBreak(text);
  const firstKey = root?.items[0]?.key as { range?: [number, number, number] } | null | undefined;
  if (root && firstKey?.range) {
    const at = firstKey.range[0];
    if (root.flow) return [{ title, edits: [edit(at, at, `${missing.join(', ')}, `)], preferred: true }];
    const indent = ' '.repeat(column(text, at));
    const start = lineStart(text, at);
    return [{ title, edits: [edit(start, start, missing.map((l) => `${indent}${l}${nl}`).join(''))], preferred: true }];
  }
  if (root || yaml.doc?.contents) return [];
  // An empty document: the header is all it gets (rules are up to the user).
  const at = yaml.doc ? yaml.doc.range[0] : text.length;
  return [{ title, edits: [edit(at, at, missing.map((l) => `${l}${nl}`).join(''))], preferred: true }];
};
