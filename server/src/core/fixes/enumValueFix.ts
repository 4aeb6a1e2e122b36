// invalid-level / invalid-stage with a value that is a misspelling or wrong case of a real one
// (`metadata` -> `Metadata`, `RequestRecieved` -> `RequestReceived`); and a rule without a level gets
// one. The finding points at the value, or at the rule when the level is missing.
import type { Node } from 'yaml';
import { LEVELS, STAGES } from '../model.ts';
import { edit, type FixProvider } from './fix.ts';
import { nearestField } from '../load/unknownFieldMessage.ts';
import { scalarEdit } from './scalarEdit.ts';
import { column, lineBreak } from './textLines.ts';

function replaceWithNearest(what: string, known: readonly string[]): FixProvider {
  return (finding, ctx) => {
    const s = ctx.yaml.stringAt(finding.span.start);
    const target = s ? nearestField(s.value, known) : undefined;
    if (!s || target === undefined || target === s.value) return [];
    return [{ title: `Change ${what} '${s.value}' to '${target}'`, edits: [scalarEdit(ctx.text, s.span, target)], preferred: true }];
  };
}

const levelValueFix = replaceWithNearest('level', LEVELS);

export const stageFix: FixProvider = replaceWithNearest('stage', STAGES);

export const levelFix: FixProvider = (finding, ctx) => {
  const value = levelValueFix(finding, ctx);
  if (value.length > 0 || finding.rule === null) return value;
  const rule = ctx.yaml.rule(finding.rule);
  const first = rule?.items[0]?.key as Node | null | undefined;
  if (!rule || rule.has('level') || !first?.range) return [];
  const at = first.range[0];
  const separator = rule.flow ? ', ' : `${lineBreak(ctx.text)}${' '.repeat(column(ctx.text, at))}`;
  return [{ title: 'Add level: Metadata', edits: [edit(at, at, `level: Metadata${separator}`)], preferred: false }];
};
