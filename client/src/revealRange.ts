// Shows a range of a policy in its editor, selected with the cursor at its start (where the status
// bar and the breadcrumbs point): the editor already showing the policy, else one opened in the
// first column (the second when a panel sits in the first).
import { Selection, TextEditorRevealType, ViewColumn, window, workspace, type Range, type TextEditor, type Uri } from 'vscode';

export async function revealRange(policy: Uri, range: Range, panelColumn?: ViewColumn): Promise<TextEditor> {
  const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === policy.toString());
  const column = visible?.viewColumn ?? (panelColumn === ViewColumn.One ? ViewColumn.Two : ViewColumn.One);
  const editor = await window.showTextDocument(visible?.document ?? (await workspace.openTextDocument(policy)), { viewColumn: column, preserveFocus: false });
  editor.selection = new Selection(range.end, range.start);
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
