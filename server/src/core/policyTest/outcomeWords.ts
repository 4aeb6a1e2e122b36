// The words every report of a policy test uses for what a case expects and what it got: one line
// for the CLI ("level Metadata, rule 3"), and the same fields as YAML lines for an editor's
// expected-vs-actual diff, where both sides list the expected fields in the same order so the
// diff shows exactly what differs.
import type { Outcome } from '../diff/outcome.ts';
import type { ExpectField, Expectation } from './policyTestFile.ts';

export function expectedText(e: Expectation): string {
  const parts = [`level ${e.level}`];
  if (e.rule !== undefined) parts.push(e.rule === null ? 'no rule' : `rule ${e.rule}`);
  if (e.omitStages !== undefined) parts.push(`omitStages [${e.omitStages.join(', ')}]`);
  if (e.omitManagedFields !== undefined) parts.push(`omitManagedFields ${e.omitManagedFields}`);
  return parts.join(', ');
}

export const actualText = (a: Outcome): string =>
  `level ${a.level}, ${a.rule === null ? 'no rule' : `rule ${a.rule}`}, omitStages [${a.omitStages.join(', ')}], omitManagedFields ${a.omitManagedFields}`;

const FIELD_ORDER: readonly ExpectField[] = ['level', 'rule', 'omitStages', 'omitManagedFields'];

const fieldLine = (field: ExpectField, value: Outcome[ExpectField] | undefined): string => {
  if (Array.isArray(value)) return `${field}: [${value.join(', ')}]`;
  return `${field}: ${value === null ? 'null' : String(value)}`;
};

/** The fields `fields` of an expectation or an outcome as YAML lines, in the file's field order. */
export function outcomeLines(o: Expectation | Outcome, fields: readonly ExpectField[]): string {
  return FIELD_ORDER.filter((f) => fields.includes(f)).map((f) => fieldLine(f, o[f])).join('\n');
}

/** "level Metadata, omitStages [RequestReceived]": the `fields` of an outcome or expectation in one line. */
export const fieldsText = (o: Expectation | Outcome, fields: readonly ExpectField[]): string => outcomeLines(o, fields).split('\n').map((l) => l.replace(': ', ' ')).join(', ');

/** The fields an expectation names, in order. */
export const expectedFields = (e: Expectation): ExpectField[] => FIELD_ORDER.filter((f) => e[f] !== undefined);
