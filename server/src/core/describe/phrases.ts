// Small English helpers shared by the rule summaries and hover texts.

/** "a", "a and b", "a, b and c"; longer lists keep the first `max` items and say how many more. */
export function list(items: readonly string[], max = 4): string {
  const shown = items.length > max ? items.slice(0, max - 1) : items;
  const rest = items.length - shown.length;
  const parts = rest > 0 ? [...shown, `${rest} more`] : [...shown];
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Inline code for Markdown; backticks inside the value widen the fence so any string stays literal. */
export function code(text: string): string {
  if (text === '') return '`""`';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Displays a group name: "" is the core group. */
export const groupName = (group: string): string => (group === '' ? 'core' : group === '*' ? 'every group' : group);

/**
 * Text from the policy or a request, shown literally, never as Markdown or HTML. Only what could
 * change the rendering is escaped, so a raw Markdown document stays readable too.
 */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_<>|]/g, '\\$&');
