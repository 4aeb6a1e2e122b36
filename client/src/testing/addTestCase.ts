// "Add as test case" (Explain Request's page, a row of the replay panel's shapes): the server works
// out the case (the request with the outcome the policy as typed gives it) and where it goes in
// `<policy>.test.yaml`, in that file's style; the client applies it as one undoable workspace edit
// (creating the file when it is missing), saves it unless it held unsaved edits of its own, and
// says what it added.
import { Position, Range, Uri, window, workspace, WorkspaceEdit, type TextDocument } from 'vscode';
import type { RequestAttributes } from '../../../server/src/core/attributes.ts';
import { AddTestCaseRequest } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { toVsRange } from '../toVsRange.ts';
import { uriName } from '../uriName.ts';

export async function addTestCase(ctx: ClientContext, policy: Uri, attributes: RequestAttributes): Promise<Uri | undefined> {
  let result;
  try {
    result = await ctx.client.sendRequest(AddTestCaseRequest, { textDocument: { uri: ctx.client.code2ProtocolConverter.asUri(policy) }, attributes });
  } catch (e) {
    ctx.output.error(`Add as test case failed: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('Add as test case: the language server did not answer; see "Kubernetes Audit Policy: Show Output".');
    return undefined;
  }
  if (!result.ok) {
    void window.showErrorMessage(`Add as test case: ${result.message}`);
    return undefined;
  }
  const uri = ctx.client.protocol2CodeConverter.asUri(result.testUri);
  const wasDirty = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.isDirty === true;
  const edit = new WorkspaceEdit();
  if (result.create) {
    edit.createFile(uri, { ignoreIfExists: false });
    edit.insert(uri, new Position(0, 0), result.text);
  } else edit.replace(uri, toVsRange(result.range), result.text);
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage(`Add as test case: ${uriName(uri)} could not be edited (it changed meanwhile?); try again.`);
    return undefined;
  }
  const doc = await workspace.openTextDocument(uri);
  if (!wasDirty) await doc.save();
  const start = result.create ? new Position(0, 0) : toVsRange(result.range).start;
  void announce(doc, result.caseName, result.create, new Range(start, doc.positionAt(doc.offsetAt(start) + result.text.length)));
  return uri;
}

/** Says what was added; "Open" shows it selected (Ctrl+Z there takes it back). */
async function announce(doc: TextDocument, name: string, created: boolean, added: Range): Promise<void> {
  const file = uriName(doc.uri);
  const choice = await window.showInformationMessage(`${created ? `Created ${file} with` : `Added to ${file}:`} the case "${name}".`, 'Open');
  if (choice === 'Open') await window.showTextDocument(doc, { selection: added, preview: false });
}
