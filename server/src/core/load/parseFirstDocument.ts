// Parses the text with the `yaml` package, keeping offsets, and returns the first document as Go's
// decoder sees it. kube-apiserver decodes only the first YAML document of the policy file
// (sigs.k8s.io/yaml reads one document), so later documents are reported and otherwise ignored.
import { isScalar, parseAllDocuments, type Document } from 'yaml';
import { finding, type Finding } from '../findings.ts';
import { quote } from '../quote.ts';
import { span, type Span } from '../span.ts';
import { controlCharacterProblem } from './controlCharacterProblem.ts';
import { firstLineSpan } from './firstLineSpan.ts';
import { jsonOnlyProblem } from './jsonOnlyProblem.ts';
import type { TextProblem } from './textProblem.ts';
import { toYamlValue } from './toYamlValue.ts';
import type { YValue } from './yamlValue.ts';

export interface ParsedDocument {
  /** null: the file holds no document, or the first one is empty (Go decodes it as JSON null). */
  readonly value: YValue | null;
  readonly span: Span;
  readonly findings: readonly Finding[];
  /** Aliases read as null because of a syntax error about them, in document order (see toYamlValue). */
  readonly unread: readonly Span[];
}

const REFUSED = 'kube-apiserver cannot read the file and refuses to start.';


export function parseFirstDocument(text: string): ParsedDocument {
  const findings: Finding[] = [];
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, schema: 'failsafe' });
  const docs = Array.isArray(parsed) ? parsed : [];
  const first = docs[0];
  if (!first) return { value: null, span: span(0, text.length), findings, unread: [] };

  const docSpan = span(first.range[0], first.range[1]);
  for (const problem of [jsonOnlyProblem(text), controlCharacterProblem(text)]) {
    if (problem) findings.push(syntaxFinding(problem));
  }
  for (const e of first.errors) findings.push(syntaxFinding({ message: sentence(e.message), span: errorSpan(text, e.pos) }));

  for (const later of docs.slice(1)) {
    if (isEmpty(later) && later.errors.length === 0) continue;
    const at = firstLineSpan(text, later.range[0]);
    findings.push(finding('multiple-documents', 'kube-apiserver reads only the first YAML document of a policy file: this one and any after it are ignored.', at, null));
    for (const e of later.errors) {
      const ignored = { detail: 'This document comes after the first, the only one kube-apiserver reads, so the error does not stop it.' };
      findings.push({ ...finding('yaml-syntax', `${sentence(e.message)}.`, errorSpan(text, e.pos), null, ignored), severity: 'warning' });
    }
    break;
  }

  if (isEmpty(first)) return { value: null, span: docSpan, findings, unread: [] };
  const converted = toYamlValue(first, docSpan);
  for (const p of converted.problems) findings.push(syntaxFinding({ ...p, message: sentence(p.message) }));
  for (const d of converted.duplicates) {
    const how = d.viaMerge ? `${quote(d.key)} is set both directly and through a << merge` : `${quote(d.key)} is set twice in this mapping`;
    findings.push(
      finding('duplicate-key', `${how}: kube-apiserver keeps the value set last.`, d.duplicate, null, {
        detail: 'The other value has no effect. From 1.26 the strict decoding of kube-apiserver also logs "falling back to lenient decoding".',
        related: [{ span: d.first, message: `"${d.key}" set here first (overridden)` }],
      }),
    );
  }
  return { value: converted.value, span: docSpan, findings, unread: converted.unread };
}

/** A syntax error in the first document: kube-apiserver refuses the file. */
const syntaxFinding = (p: TextProblem): Finding => finding('yaml-syntax', `${p.message}.`, p.span, null, { detail: p.detail ? `${p.detail} ${REFUSED}` : REFUSED });

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
