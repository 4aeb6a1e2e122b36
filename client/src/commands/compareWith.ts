// Kubernetes Audit Policy: Compare with… — what the edits to a policy change, exactly: the policy
// as typed against its saved version, its git HEAD or another file, shown beside it as a rendered
// page that follows the edits. Also the policy editor's title action. Arguments (scripts, tests):
// `{ uri?, source?: 'saved' | 'head' | 'file', file? }` skips the questions.
import { QuickPickItemKind, Uri, window, type QuickPickItem } from 'vscode';
import type { ClientContext } from '../clientContext.ts';
import { readHead, readOtherFile, readSaved, type BaselineRead, type BaselineSource } from '../compare/baselineSources.ts';
import { CompareView } from '../compare/compareView.ts';
import { uriName } from '../uriName.ts';
import { policyEditor } from './explainRequest.ts';

export const COMPARE_WITH_COMMAND = 'kubeAuditPolicy.compareWith';

interface CompareArgs {
  readonly uri?: string;
  readonly source?: BaselineSource;
  readonly file?: string;
}

const SOURCES: readonly BaselineSource[] = ['saved', 'head', 'file'];

function readArgs(arg: unknown): CompareArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  // The editor title action passes the editor's URI.
  if (arg instanceof Uri) return { uri: arg.toString() };
  const v = arg as Record<string, unknown>;
  return {
    ...(typeof v['uri'] === 'string' ? { uri: v['uri'] } : {}),
    ...(SOURCES.includes(v['source'] as BaselineSource) ? { source: v['source'] as BaselineSource } : {}),
    ...(typeof v['file'] === 'string' ? { file: v['file'] } : {}),
  };
}

interface SourceItem extends QuickPickItem {
  readonly source: BaselineSource;
}

async function pickSource(name: string, dirty: boolean): Promise<BaselineSource | undefined> {
  const items: SourceItem[] = [
    { label: '$(save) Saved version', description: dirty ? 'what your unsaved edits change' : 'no unsaved edits yet: equivalent until you type', source: 'saved' },
    { label: '$(git-commit) Git HEAD', description: 'what the edits since the last commit change', source: 'head' },
    { label: 'other files', kind: QuickPickItemKind.Separator, source: 'file' },
    { label: '$(file) Another file…', description: 'an older copy, another cluster’s policy', source: 'file' },
  ];
  const picked = await window.showQuickPick(items, { title: `Compare ${name} (as typed) with…`, placeHolder: 'The baseline: what the policy is compared with' });
  return picked?.source;
}

export function compareWith(ctx: ClientContext) {
  return async (arg?: unknown): Promise<void> => {
    const args = readArgs(arg);
    const editor = await policyEditor(args.uri);
    if (!editor) {
      void window.showErrorMessage('Compare with…: open an audit policy (a YAML file) first.');
      return;
    }
    const policy = editor.document.uri;
    const source = args.source ?? (await pickSource(uriName(policy), editor.document.isDirty));
    if (!source) return;
    let read: BaselineRead | undefined;
    if (source === 'saved') read = await readSaved(policy);
    else if (source === 'head') read = await readHead(policy);
    else read = await readOtherFile(policy, args.file === undefined ? undefined : Uri.parse(args.file));
    if (!read) return;
    if (!read.ok) {
      void window.showErrorMessage(`Compare with…: ${read.message}`);
      return;
    }
    CompareView.show(ctx, editor.document, editor.viewColumn, { source, label: read.label, text: read.text });
  };
}
