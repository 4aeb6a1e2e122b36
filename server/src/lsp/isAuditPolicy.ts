// Which open YAML documents the server works on: any with an audit.k8s.io apiVersion and kind Policy
// somewhere (any document of a multi-document file, any indentation, flow or block style), or any
// whose path matches the `kubeAuditPolicy.files` globs, so a half-written file without a header
// still gets help. Everything else is left alone: no diagnostics, hovers or lenses.
const API_VERSION = /\bapiVersion["']?[ \t]*:[ \t]*["']?audit\.k8s\.io\//;
const KIND = /\bkind["']?[ \t]*:[ \t]*["']?Policy\b/;

export function isAuditPolicy(uri: string, text: string, files: readonly RegExp[]): boolean {
  if (API_VERSION.test(text) && KIND.test(text)) return true;
  const path = uriPath(uri);
  return files.some((pattern) => pattern.test(path));
}

function uriPath(uri: string): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
