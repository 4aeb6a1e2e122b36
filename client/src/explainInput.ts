// The pure part of Explain Request's input: what a person typed (a request line or an audit Event
// JSON), the groups box, and the arguments the command accepts from code lenses and scripts. No
// `vscode` import, so it is unit-tested directly.
/** A pasted audit Event is JSON; anything else is read as `METHOD /path`. */
export const looksLikeEvent = (text: string): boolean => text.trimStart().startsWith('{');

/** Message for the input box, or undefined when the text can be sent to the server. */
export function validateRequestInput(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'Type a request such as GET /api/v1/namespaces/default/pods, or paste an audit Event JSON.';
  if (looksLikeEvent(t)) {
    try {
      const value: unknown = JSON.parse(t);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'An audit Event is a JSON object.';
    } catch (e) {
      return `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const parts = t.split(/\s+/);
  if (parts.length !== 2) return 'Write the method (or verb) and the path, e.g. GET /apis/apps/v1/deployments';
  if (!(parts[1] as string).startsWith('/')) return 'The path starts with "/", e.g. /api/v1/pods';
  return undefined;
}

/** The groups box is read as the CLI reads --group: one implementation, in the core. */
export { parseGroups } from '../../server/src/core/explain/explainInput.ts';

export interface ExplainInput {
  readonly request: string;
  /** Absent for an Event, or when the request has no authenticated user. */
  readonly user?: string;
  readonly groups?: readonly string[];
}

/**
 * The command's arguments. A code lens passes protocol.ts's `ExplainCommandArgs` (the input boxes open prefilled
 * with its example); a script or test may pass `{ uri?, request, user?, groups? }` to skip them.
 */
export interface ExplainArgs {
  readonly uri?: string;
  readonly rule?: number;
  /** Prefills the input boxes. */
  readonly example?: ExplainInput;
  /** Runs without asking. */
  readonly input?: ExplainInput;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function readInput(v: Record<string, unknown>): ExplainInput | undefined {
  if (typeof v['request'] !== 'string') return undefined;
  return {
    request: v['request'],
    ...(typeof v['user'] === 'string' ? { user: v['user'] } : {}),
    ...(isStringArray(v['groups']) ? { groups: v['groups'] } : {}),
  };
}

/** Reads whatever the command was invoked with; unknown shapes count as no arguments. */
export function readExplainArgs(arg: unknown): ExplainArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const v = arg as Record<string, unknown>;
  const example = typeof v['example'] === 'object' && v['example'] !== null ? readInput(v['example'] as Record<string, unknown>) : undefined;
  const input = readInput(v);
  return {
    ...(typeof v['uri'] === 'string' ? { uri: v['uri'] } : {}),
    ...(typeof v['rule'] === 'number' ? { rule: v['rule'] } : {}),
    ...(example ? { example } : {}),
    ...(input ? { input } : {}),
  };
}
