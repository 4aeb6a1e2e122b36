// Which open documents the server works on: core/workspace/policyFiles decides, on the document's path.
import { isPolicyFile, type PathMatcher } from '../core/workspace/policyFiles.ts';

export function isAuditPolicy(uri: string, text: string, files: readonly PathMatcher[]): boolean {
  return isPolicyFile(uriPath(uri), text, files);
}

function uriPath(uri: string): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
