// Where a Compare with… baseline comes from: the policy's saved version (the file on disk), its
// version at git HEAD (through the built-in Git extension's API, `vscode.git`), or another file.
// Each read says plainly why it cannot be done (an unsaved new file, Git turned off, not a
// repository, a file not in HEAD).
import { extensions, Uri, window, workspace, type Event } from 'vscode';
import { uriName } from '../uriName.ts';

export type BaselineSource = 'saved' | 'head' | 'file';

export type BaselineRead = { readonly ok: true; readonly label: string; readonly text: string; readonly file?: Uri } | { readonly ok: false; readonly message: string };

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

async function readFile(uri: Uri): Promise<string> {
  return decode(await workspace.fs.readFile(uri));
}

export async function readSaved(policy: Uri): Promise<BaselineRead> {
  if (policy.scheme === 'untitled') return { ok: false, message: `${uriName(policy)} has never been saved: there is no saved version to compare with.` };
  try {
    return { ok: true, label: 'the saved version', text: await readFile(policy) };
  } catch (e) {
    return { ok: false, message: `The saved version of ${uriName(policy)} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** `file`: already chosen (a test, a script); otherwise the user picks one. */
export async function readOtherFile(policy: Uri, file?: Uri): Promise<BaselineRead | undefined> {
  const chosen =
    file ??
    (await window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', title: `Compare ${uriName(policy)} with…`, filters: { 'YAML files': ['yaml', 'yml'], 'All files': ['*'] } }))?.[0];
  if (!chosen) return undefined;
  try {
    return { ok: true, label: workspace.asRelativePath(chosen, false), text: await readFile(chosen), file: chosen };
  } catch (e) {
    return { ok: false, message: `${uriName(chosen)} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// The few members of the Git extension's API (extensions/git/src/api/git.d.ts, version 1) used here.
interface GitRepository {
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: Event<'uninitialized' | 'initialized'>;
  getRepository(uri: Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** How long the Git extension may take to open the workspace's repositories. */
const GIT_READY_MS = 10_000;

export async function readHead(policy: Uri): Promise<BaselineRead> {
  const name = uriName(policy);
  const extension = extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return { ok: false, message: 'The built-in Git extension is not available in this editor, so git HEAD cannot be read. Compare with another file instead (e.g. one checked out with git show HEAD:path).' };
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) return { ok: false, message: 'Git is turned off in this editor (setting "git.enabled"), so git HEAD cannot be read.' };
  const api = git.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, GIT_READY_MS);
      const sub = api.onDidChangeState((s) => {
        if (s !== 'initialized') return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }
  const repository = api.getRepository(policy);
  if (!repository) return { ok: false, message: `${name} is not in a git repository that this editor has open, so it has no git HEAD to compare with.` };
  try {
    return { ok: true, label: 'git HEAD', text: await repository.show('HEAD', policy.fsPath) };
  } catch (e) {
    return { ok: false, message: `${name} is not in git HEAD (a new file, or no commit yet): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}
