// Parses the text with the `yaml` package, keeping offsets, and returns the first document as Go's
// decoder sees it. kube-apiserver decodes only the first YAML document of the policy file
// (sigs.k8s.io/yaml reads one document), so later documents are reported and otherwise ignored.
import { isScalar, parseAllDocuments, type Document } from 'yaml';
import { finding, type Finding } from '../findings.ts';
import { span, type Span } from '../span.ts';
import { controlCharacterProblem } from './controlCharacterProblem.ts';
import { firstLineSpan } from './firstLineSpan.ts';
import { jsonOnlyProblem } from './jsonOnlyProblem.ts';
import { toYamlValue } from './toYamlValue.ts';
import type { YValue } from './yamlValue.ts';

export interface ParsedDocument {
  /** null: the file holds no document, or the first one is empty (Go decodes it as JSON null). */
  readonly value: YValue | null;
  readonly span: Span;
  readonly findings: readonly Finding[];
}

const REFUSED = 'kube-apiserver cannot read the file and refuses to start';


export function parseFirstDocument(text: string): ParsedDocument {
  const findings: Finding[] = [];
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, schema: 'failsafe' });
  const docs = Array.isArray(parsed) ? parsed : [];
  const first = docs[0];
  if (!first) return { value: null, span: span(0, text.length), findings };

  const docSpan = span(first.range[0], first.range[1]);
  for (const problem of [jsonOnlyProblem(text), controlCharacterProblem(text)]) {
    if (problem) findings.push(finding('yaml-syntax', `${problem.message}; ${REFUSED}.`, problem.span, null));
  }
  for (const e of first.errors) findings.push(finding('yaml-syntax', `${sentence(e.message)}; ${REFUSED}.`, errorSpan(text, e.pos), null));

  for (const later of docs.slice(1)) {
    if (isEmpty(later) && later.errors.length === 0) continue;
    const at = firstLineSpan(text, later.range[0]);
    findings.push(finding('multiple-documents', 'kube-apiserver reads only the first YAML document of a policy file; this document and any after it are ignored.', at, null));
    for (const e of later.errors) {
      findings.push({ ...finding('yaml-syntax', `${sentence(e.message)} (in a document kube-apiserver ignores).`, errorSpan(text, e.pos), null), severity: 'warning' });
    }
    break;
  }

  if (isEmpty(first)) return { value: null, span: docSpan, findings };
  const converted = toYamlValue(first, docSpan);
  for (const p of converted.problems) findings.push(finding('yaml-syntax', `${sentence(p.message)}; ${REFUSED}.`, p.span, null));
  for (const d of converted.duplicates) {
    const how = d.viaMerge ? `"${d.key}" is set both directly and through a << merge` : `"${d.key}" is set twice in this mapping`;
    findings.push(
      finding('duplicate-key', `${how}; kube-apiserver keeps the value set last (from 1.26 its strict decoding also logs "falling back to lenient decoding"), so the other one has no effect.`, d.duplicate, null, {
        related: [{ span: d.first, message: `"${d.key}" set here first (overridden)` }],
      }),
    );
  }
  return { value: converted.value, span: docSpan, findings };
}

/** A document with nothing in it (`---` alone, comments only) decodes as JSON null. */
const isEmpty = (doc: Document.Parsed): boolean => doc.contents === null || (isScalar(doc.contents) && doc.contents.type === 'PLAIN' && doc.contents.source === '');

function errorSpan(text: string, pos: [number, number]): Span {
  // yaml may point one past the end of the text for an unterminated collection.
  const [start, end] = pos.map((p) => Math.min(p, text.length)) as [number, number];
  return end > start ? span(start, end) : firstLineSpan(text, start);
}

/** yaml's messages end with " at line L, column C"; the finding's range already says where. */
const sentence = (message: string): string =>
  /Maximum call stack/.test(message)
    ? 'YAML syntax error: the document nests too deeply to be read'
    : `YAML syntax error: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '')}`;
