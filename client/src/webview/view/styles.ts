// The stylesheet of every panel (replay, result pages): VS Code's theme variables only, so it follows
// light, dark and high-contrast themes; focus is always visible for keyboard users. A table whose
// columns do not fit the panel (a split editor, long names) becomes one labelled block per row
// (`stacked`, set by the view script); long names wrap at their separators (dom.ts `breakable`),
// never mid-word; a table scrolls sideways only when one unbreakable part of a name is wider than
// the panel.
export const PANEL_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 2px; }
p, li, h1 { overflow-wrap: break-word; }
.scroll { overflow-x: auto; }
.nowrap { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 8px 2px 0; vertical-align: top; }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.share, td.actions, td.level, td.verb { white-space: nowrap; }
table.rules td.summary { min-width: 12em; }
table.totals th, table.attributes th { width: 10em; color: var(--vscode-descriptionForeground); font-weight: normal; }
td.user, td.target, td.ns, .logs code, table.attributes code, code { font-family: var(--vscode-editor-font-family); }
tr.rule[data-action] { cursor: pointer; }
tr.rule:hover, tr.shape:hover { background: var(--vscode-list-hoverBackground); }
tr.rule.selected { background: var(--vscode-list-inactiveSelectionBackground, var(--vscode-list-hoverBackground)); box-shadow: inset 3px 0 0 var(--vscode-focusBorder); }
tr.rule.selected td:first-child { padding-left: 6px; }
tr.never td { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.badge { margin-left: 6px; padding: 0 4px; border-radius: 3px; font-size: 0.85em; white-space: nowrap; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.bar { display: inline-block; width: 48px; height: 8px; background: var(--vscode-editorWidget-background, var(--vscode-input-background)); border: 1px solid var(--vscode-widget-border, transparent); vertical-align: middle; margin-right: 4px; }
.bar .fill { display: block; height: 100%; background: var(--vscode-charts-blue, var(--vscode-progressBar-background)); }
.muted { color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-descriptionForeground); font-style: italic; }
.warn { color: var(--vscode-editorWarning-foreground, var(--vscode-errorForeground)); }
.busy { color: var(--vscode-descriptionForeground); }
.logs-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 6px 0; }
ul.logs { display: contents; list-style: none; }
ul.logs li { display: inline-flex; align-items: center; gap: 2px; padding: 0 0 0 6px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); border-radius: 3px; }
ul.logs button.remove { padding: 0 6px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 12px; margin-bottom: 6px; }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, var(--vscode-widget-border, transparent)); padding: 2px 4px; font: inherit; }
input { width: 9em; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 10px; font: inherit; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.small { padding: 1px 8px; }
td.actions button + button { margin-left: 6px; }
button:disabled { opacity: 0.5; cursor: default; }
button.link { background: none; color: var(--vscode-textLink-foreground); padding: 0 4px; }
button.link:hover { text-decoration: underline; }
.pager { display: flex; gap: 8px; margin-top: 6px; }
ol.trace { padding-left: 1.6em; }
ol.trace li { margin: 3px 0; }
ol.trace li.matched { font-weight: 600; }
ol.trace .mark { color: var(--vscode-descriptionForeground); }
ol.trace li.matched .mark { color: var(--vscode-charts-green, var(--vscode-foreground)); }
ol.trace .rule-summary { font-weight: normal; }
.outcome { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; margin: 10px 0; padding: 8px 10px; border-left: 3px solid var(--vscode-charts-green, var(--vscode-focusBorder)); background: var(--vscode-textBlockQuote-background, transparent); }
.outcome.unmatched { border-left-color: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground)); }
ul.notes { padding-left: 1.2em; }
ul.errors { padding-left: 1.2em; }
:focus-visible, tr:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
table.stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
table.stacked, table.stacked tbody { display: block; }
table.stacked tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 14px; padding: 6px 4px; border-top: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); }
table.stacked td { display: block; padding: 0; min-width: 0; text-align: left; }
table.stacked td[data-label]::before { content: attr(data-label) " "; color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); }
table.stacked td.summary, table.stacked td.wide, table.stacked td.actions { flex-basis: 100%; }
table.stacked td:empty { display: none; }
table.rules.stacked td.summary { order: 1; min-width: 0; }
table.rules.stacked td.kept, table.rules.stacked td.bytes, table.rules.stacked td.change { order: 2; }
table.shapes.stacked td.wide { order: 1; }
table.shapes.stacked td.bytes, table.shapes.stacked td.change { order: 2; }
table.shapes.stacked td.actions { order: 3; }
table.shapes.stacked td.baseline { order: 2; }
td.baseline { white-space: nowrap; }
td.baseline.changed, .compare-page .after { color: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground)); }
.outcome.changed { border-left-color: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground)); }
ol.changes { list-style: none; padding: 0; margin: 0; }
li.change { margin: 8px 0; padding: 6px 10px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); border-left: 3px solid var(--vscode-charts-blue, var(--vscode-focusBorder)); overflow-wrap: break-word; }
li.change.security { border-left-color: var(--vscode-editorWarning-foreground, var(--vscode-errorForeground)); }
li.change p { margin: 4px 0; }
li.change ul { margin: 2px 0; padding-left: 1.2em; }
.change-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
`;
