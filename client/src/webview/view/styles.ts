// The panel's stylesheet: VS Code's theme variables only, so it follows light, dark and
// high-contrast themes; focus is always visible for keyboard users.
export const PANEL_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 8px 2px 0; vertical-align: top; }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.share, td.actions { white-space: nowrap; }
table.rules td.summary { min-width: 12em; }
table.shapes td.user, table.shapes td.target { min-width: 8em; }
table.totals th { width: 10em; color: var(--vscode-descriptionForeground); font-weight: normal; }
td.user, td.target, .files, code { font-family: var(--vscode-editor-font-family); word-break: break-all; }
tr.rule[data-action] { cursor: pointer; }
tr.rule:hover, tr.shape:hover { background: var(--vscode-list-hoverBackground); }
tr.never td { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.badge { margin-left: 6px; padding: 0 4px; border-radius: 3px; font-size: 0.85em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.bar { display: inline-block; width: 48px; height: 8px; background: var(--vscode-editorWidget-background, var(--vscode-input-background)); border: 1px solid var(--vscode-widget-border, transparent); vertical-align: middle; margin-right: 4px; }
.bar .fill { display: block; height: 100%; background: var(--vscode-charts-blue, var(--vscode-progressBar-background)); }
.muted { color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-descriptionForeground); font-style: italic; }
.warn { color: var(--vscode-editorWarning-foreground, var(--vscode-errorForeground)); }
.busy { color: var(--vscode-descriptionForeground); }
.filters { display: flex; flex-wrap: wrap; gap: 6px 12px; margin-bottom: 6px; }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, var(--vscode-widget-border, transparent)); padding: 2px 4px; font: inherit; }
input { width: 9em; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 10px; font: inherit; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
button.link { background: none; color: var(--vscode-textLink-foreground); padding: 0 4px; }
button.link:hover { text-decoration: underline; }
.pager { display: flex; gap: 8px; margin-top: 6px; }
ol.trace li.matched { font-weight: 600; }
ul.errors { padding-left: 1.2em; }
:focus-visible, tr:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
`;
