// LSP ranges in custom results (plain JSON) to vscode ranges; the language client converts the
// standard messages itself.
import { Range } from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-protocol';

export const toVsRange = (r: LspRange): Range => new Range(r.start.line, r.start.character, r.end.line, r.end.character);
