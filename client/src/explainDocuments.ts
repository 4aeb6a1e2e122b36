// Read-only virtual documents (scheme `kube-audit-policy`) that hold an Explain Request trace as
// Markdown, opened by the result page's "Open as Markdown" (to copy or save it). One document per
// policy file, refreshed in place by the next explanation of that policy.
import { EventEmitter, Uri, type Disposable, type Event, type TextDocumentContentProvider } from 'vscode';

export const EXPLAIN_SCHEME = 'kube-audit-policy';

export class ExplainDocuments implements TextDocumentContentProvider, Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange: Event<Uri> = this.changed.event;

  /** Stores the Markdown for the policy at `policy` and returns the virtual document's URI. */
  set(policy: Uri, markdown: string): Uri {
    const name = policy.path.slice(policy.path.lastIndexOf('/') + 1) || 'policy';
    const uri = Uri.from({ scheme: EXPLAIN_SCHEME, path: `/Explain ${name}.md`, query: policy.toString() });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? 'This explanation is no longer available: run "Kubernetes Audit Policy: Explain Request…" again.';
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
