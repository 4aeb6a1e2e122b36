// Edits that delete a rule or move it elsewhere in `rules:` with its comment lines, in a block list
// (the common style) or a flow list.
import { span, type Span } from '../span.ts';
import { itemSpan } from './blockSpans.ts';
import { edit, type TextEdit } from './fix.ts';
import { lineBreak } from './textLines.ts';
import type { YamlSource } from './yamlSource.ts';

export function deleteRule(yaml: YamlSource, index: number): TextEdit[] | undefined {
  const rules = yaml.rules;
  const s = rules ? itemSpan(yaml.text, rules, index) : undefined;
  return s ? [edit(s.start, s.end, '')] : undefined;
}

/** Moves rule `from` so it comes before rule `before` (or last, when `before` is the rule count). */
export function moveRule(yaml: YamlSource, from: number, before: number): TextEdit[] | undefined {
  const rules = yaml.rules;
  if (!rules || rules.flow || from === before || from + 1 === before) return undefined;
  const text = yaml.text;
  const cut = itemSpan(text, rules, from);
  const last = rules.items.length - 1;
  const target: Span | undefined = before > last ? itemSpan(text, rules, last) : itemSpan(text, rules, before);
  if (!cut || !target) return undefined;
  const nl = lineBreak(text);
  let moved = text.slice(cut.start, cut.end);
  if (!moved.endsWith('\n')) moved += nl;
  if (before <= last) return [edit(target.start, target.start, moved), edit(cut.start, cut.end, '')];
  // Appending after the last rule, which may end the file without a line break.
  const at = target.end;
  const prefix = text.slice(0, at).endsWith('\n') ? '' : nl;
  const trimmed = prefix === '' ? moved : moved.replace(/\r?\n$/, '');
  return [edit(cut.start, cut.end, ''), { span: span(at, at), newText: prefix + trimmed }];
}
