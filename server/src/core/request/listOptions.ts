// How kube-apiserver reads the query of a GET without an object name (requestinfo.go decodes it as
// metainternalversion.ListOptions): watch or list, and the name pinned by
// fieldSelector=metadata.name=NAME. If any list option fails to decode, the server falls back
// to reading `watch` alone and ignores the field selector.
import { parseFieldSelector, requiresExactMatch } from './fieldSelector.ts';
import { isInt64 } from './isInt64.ts';
import { labelSelectorError } from './labelSelectorError.ts';
import type { QueryValues } from './parseQuery.ts';

export interface ListRequest {
  readonly verb: 'list' | 'watch';
  /** "" when no valid metadata.name term pins one. */
  readonly name: string;
  /** Why the query did not decode (the server logs it and falls back), if it did not. */
  readonly decodeError?: string;
}

/**
 * Convert_Slice_string_To_bool: only "0" and "false" are false ("" is true). The decoder compares
 * with strings.EqualFold, whose folding also maps "ſ" (U+017F) to "s"; the fallback uses ToLower.
 */
const decodedBool = (v: string): boolean => v !== '0' && v.replace(/\u017f/g, 's').toLowerCase() !== 'false';
const fallbackBool = (v: string): boolean => v !== '0' && v.toLowerCase() !== 'false';


function decodeError(query: QueryValues): string | undefined {
  for (const key of ['limit', 'timeoutSeconds']) {
    const v = query.get(key)?.[0];
    if (v !== undefined && !isInt64(v)) return `${key}: invalid integer ${JSON.stringify(v)}`;
  }
  const labels = query.get('labelSelector')?.[0];
  if (labels !== undefined) {
    const e = labelSelectorError(labels);
    if (e !== undefined) return `labelSelector: ${e}`;
  }
  const fields = query.get('fieldSelector')?.[0];
  if (fields !== undefined) {
    const parsed = parseFieldSelector(fields);
    if (!parsed.ok) return `fieldSelector: ${parsed.error}`;
  }
  return undefined;
}

/** Name must be usable as a path segment (path.IsValidPathSegmentName). */
const validPathSegmentName = (name: string): boolean => name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');

export function listRequest(query: QueryValues): ListRequest {
  const watchValue = query.get('watch')?.[0];
  const error = decodeError(query);
  const isWatch = watchValue !== undefined && (error === undefined ? decodedBool : fallbackBool)(watchValue);
  const verb = isWatch ? 'watch' : 'list';
  if (error !== undefined) return { verb, name: '', decodeError: error };
  const fields = query.get('fieldSelector')?.[0];
  const parsed = fields === undefined ? undefined : parseFieldSelector(fields);
  const name = parsed?.ok ? requiresExactMatch(parsed.terms, 'metadata.name') : undefined;
  return { verb, name: name !== undefined && validPathSegmentName(name) ? name : '' };
}
