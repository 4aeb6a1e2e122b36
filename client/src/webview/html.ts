// The page of every webview panel (the replay panel, result panels): a strict CSP (nothing but the
// bundled script and the stylesheet carrying this render's nonce), a fresh random nonce per
// render, and an empty body the script fills with DOM nodes. No data is ever written into this HTML.
import { PANEL_CSS } from './view/styles.ts';

export interface WebviewResources {
  /** The bundled view script, as a webview URI (allowed by its nonce, not by its origin). */
  readonly scriptUri: string;
  /** The document title (a constant of the panel kind, never data). */
  readonly title: string;
}

/** Web Crypto: the same in the desktop's extension host and in the browser's. */
export const newNonce = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));

export function webviewHtml(r: WebviewResources, nonce: string = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${r.title}</title>
<style nonce="${nonce}">${PANEL_CSS}</style>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${r.scriptUri}"></script>
</body>
</html>`;
}
