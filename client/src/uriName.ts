// The last path segment of a URI, for titles: "audit-policy.yaml".
import type { Uri } from 'vscode';

export const uriName = (uri: Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
