// Answers the browser server's ReadTextFileRequest: a test file's policy or event file that is not
// open, read through `workspace.fs` (the server in a Web Worker has no file system), refused with the
// same messages as on the desktop when it is too large or no text.
import { FileSystemError, Uri, workspace, type Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { decodePolicyBytes, tooLarge } from '../../../server/src/io/policyBytes.ts';
import { ReadTextFileRequest, type ReadTextFileResult } from '../../../server/src/protocol.ts';

export async function readTextFile(uri: Uri): Promise<ReadTextFileResult> {
  try {
    const large = tooLarge((await workspace.fs.stat(uri)).size);
    if (large !== undefined) return { ok: false, error: large };
    const read = decodePolicyBytes(await workspace.fs.readFile(uri));
    return read.ok ? { ok: true, text: read.text } : read;
  } catch (e) {
    if (e instanceof FileSystemError && e.code === 'FileNotFound') return { ok: false, error: 'no such file' };
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function serveReadTextFile(client: BaseLanguageClient): Disposable {
  return client.onRequest(ReadTextFileRequest, ({ uri }) => readTextFile(Uri.parse(uri)));
}
