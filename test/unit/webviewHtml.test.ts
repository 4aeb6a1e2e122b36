// The replay panel's page: a strict CSP whose only sources are this render's nonce, a fresh nonce
// every render, and nothing but the script and stylesheet in the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webviewHtml } from '../../client/src/webview/html.ts';

const SCRIPT = 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/main.js';

function csp(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/ (.*)/s).slice(0, 2) as [string, string]));
}

test('CSP: nothing by default, script and style only with this render\'s nonce', () => {
  const html = webviewHtml({ scriptUri: SCRIPT, title: 'Audit log replay' });
  const policy = csp(html);
  const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.ok(nonce.length >= 16, 'a nonce of at least 16 characters');
  assert.equal(policy.get('default-src'), "'none'");
  assert.equal(policy.get('script-src'), `'nonce-${nonce}'`);
  assert.equal(policy.get('style-src'), `'nonce-${nonce}'`);
  assert.ok(!html.includes('unsafe-'), 'no unsafe-inline or unsafe-eval');
  assert.equal(html.match(/<script\b/g)?.length, 1);
  assert.ok(html.includes(`<script nonce="${nonce}" src="${SCRIPT}"></script>`));
  assert.ok(html.includes(`<style nonce="${nonce}">`));
});

test('every render gets a new nonce', () => {
  const nonces = new Set(Array.from({ length: 20 }, () => /'nonce-([^']+)'/.exec(webviewHtml({ scriptUri: SCRIPT, title: 'Audit log replay' }))?.[1]));
  assert.equal(nonces.size, 20);
});
