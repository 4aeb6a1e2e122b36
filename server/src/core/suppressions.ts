// Suppression comments, on whole comment lines directly above what they silence (consecutive comment
// lines count, a blank line breaks the block):
//   # kube-audit-policy: disable-next-line code[, code] [-- why]   the findings that start on the
//                                                                   next line that is not a comment
//   # kube-audit-policy-disable code[, code] [-- why]              (the first style) every finding of
//                                                                   the rule that follows
// Without codes, every code. What they silence is kept, with the comment, so reports can list it.
import type { Code } from './codes.ts';
import type { Finding } from './findings.ts';
import type { PolicyRule } from './model.ts';
import { span, type Span } from './span.ts';

const RULE_DIRECTIVE = /^#\s*kube-audit-policy-disable\b(.*)$/;
const LINE_DIRECTIVE = /^#\s*kube-audit-policy:\s*disable-next-line\b(.*)$/;

export interface Suppression {
  /** The comment that silences. */
  readonly comment: Span;
  /** The text after ` -- `, or null. */
  readonly justification: string | null;
}

interface Directive extends Suppression {
  readonly kind: 'rule' | 'next-line';
  readonly codes: ReadonlySet<string> | 'all';
}

/** Which comment silences a finding, or undefined when none does. */
export type Suppressor = (finding: Finding) => Suppression | undefined;

interface Line {
  readonly start: number;
  readonly text: string;
}

export function findSuppressions(text: string, rules: readonly PolicyRule[]): Suppressor {
  const lines = splitLines(text);
  // Per line index: the directives of the comment block right above it.
  const byLine = new Map<number, Directive[]>();
  for (let i = 0, block: Directive[] = []; i < lines.length; i++) {
    const line = lines[i] as Line;
    const trimmed = line.text.trim();
    if (trimmed === '') block = [];
    else if (trimmed.startsWith('#')) {
      const d = directive(trimmed, span(line.start + line.text.indexOf('#'), line.start + line.text.trimEnd().length));
      if (d) block.push(d);
    } else {
      if (block.length > 0) byLine.set(i, block);
      block = [];
    }
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lines[mid] as Line).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ruleLine = rules.map((r) => lineOf(r.source.span.start));
  const silences = (d: Directive, code: Code): boolean => d.codes === 'all' || d.codes.has(code);
  return (f) => {
    const onLine = byLine.get(lineOf(f.span.start))?.find((d) => d.kind === 'next-line' && silences(d, f.code));
    if (onLine) return onLine;
    const line = f.rule === null ? undefined : ruleLine[f.rule];
    return line === undefined ? undefined : byLine.get(line)?.find((d) => d.kind === 'rule' && silences(d, f.code));
  };
}

function directive(comment: string, at: Span): Directive | undefined {
  const line = LINE_DIRECTIVE.exec(comment);
  const rule = line ? null : RULE_DIRECTIVE.exec(comment);
  const rest = (line ?? rule)?.[1];
  if (rest === undefined) return undefined;
  const cut = rest.search(/\s--(\s|$)/);
  const listed = (cut < 0 ? rest : rest.slice(0, cut)).split(/[\s,]+/).filter((c) => c !== '');
  const why = cut < 0 ? '' : rest.slice(cut).replace(/^\s--/, '').trim();
  return { kind: line ? 'next-line' : 'rule', comment: at, justification: why === '' ? null : why, codes: listed.length === 0 ? 'all' : new Set(listed) };
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start, text: text.slice(start) });
  return out;
}
