// Shows an explanation in the policy editor: the matched rule gets a highlighted background and its
// level at the end of its first line; in each earlier rule the field that rejected the request gets
// a dotted outline whose hover says why. Cleared when that document is edited (ranges go stale) or
// when the next explanation is shown.
import { DecorationRangeBehavior, OverviewRulerLane, Range, ThemeColor, window, workspace, type DecorationOptions, type Disposable, type TextEditor } from 'vscode';
import type { ExplainSuccess } from '../../server/src/protocol.ts';
import { toVsRange } from './toVsRange.ts';

export class RuleHighlighter implements Disposable {
  private readonly matched = window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: OverviewRulerLane.Full,
    rangeBehavior: DecorationRangeBehavior.ClosedClosed,
  });
  private readonly matchedLabel = window.createTextEditorDecorationType({
    after: { color: new ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em' },
  });
  private readonly rejected = window.createTextEditorDecorationType({
    borderWidth: '0 0 1px 0',
    borderStyle: 'dotted',
    borderColor: new ThemeColor('editorWarning.foreground'),
  });
  private shownIn: TextEditor | undefined;
  private readonly onEdit = workspace.onDidChangeTextDocument((e) => {
    if (this.shownIn && e.contentChanges.length > 0 && e.document === this.shownIn.document) this.clear();
  });

  /** Decorates `editor` with `result`; returns the range of the matched rule, if any. */
  show(editor: TextEditor, result: ExplainSuccess): Range | undefined {
    this.clear();
    this.shownIn = editor;
    const { evaluation, rules } = result;
    const rejected: DecorationOptions[] = [];
    for (const verdict of evaluation.trace) {
      const location = rules[verdict.rule];
      if (verdict.matched || !location) continue;
      const range = toVsRange(location.fieldRange ?? location.range);
      rejected.push({ range: location.fieldRange ? range : new Range(range.start, range.start.translate(0, 1)), hoverMessage: `Rule ${verdict.rule} did not match: ${verdict.reason}` });
    }
    editor.setDecorations(this.rejected, rejected);
    const match = evaluation.rule === null ? undefined : rules[evaluation.rule];
    if (!match) return undefined;
    const range = toVsRange(match.range);
    const verdict = evaluation.trace.find((v) => v.matched);
    editor.setDecorations(this.matched, [{ range, hoverMessage: verdict ? `Matched: ${verdict.reason}` : 'Matched' }]);
    const firstLine = editor.document.lineAt(range.start.line).range;
    editor.setDecorations(this.matchedLabel, [
      { range: firstLine, renderOptions: { after: { contentText: `◀ matches this request: level ${evaluation.level}` } } },
    ]);
    return range;
  }

  clear(): void {
    for (const type of [this.matched, this.matchedLabel, this.rejected]) this.shownIn?.setDecorations(type, []);
    this.shownIn = undefined;
  }

  dispose(): void {
    this.onEdit.dispose();
    this.matched.dispose();
    this.matchedLabel.dispose();
    this.rejected.dispose();
  }
}
