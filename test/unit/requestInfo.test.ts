// URL -> request attributes as kube-apiserver's RequestInfoFactory computes them:
// requestinfo_test.go's cases (requestInfoCases.ts) and further subtleties (requestInfoSubtleties.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestInfo, type RequestInfo } from '../../server/src/core/request/requestInfo.ts';
import { IS_RESOURCE_CASES, NON_RESOURCE_CASES, RESOURCE_CASES, SELECTOR_CASES } from '../fixtures/semantics/requestInfoCases.ts';
import { URL_CASES, type UrlCase } from '../fixtures/semantics/requestInfoSubtleties.ts';

function info(method: string, url: string): RequestInfo {
  const r = requestInfo(method, url);
  assert.ok(r.ok, `${method} ${url}: ${r.ok ? '' : r.error}`);
  return r.info;
}

test('TestGetAPIRequestInfo success cases', () => {
  for (const [method, url, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts] of RESOURCE_CASES) {
    const i = info(method, url);
    assert.deepEqual(
      { isResourceRequest: i.isResourceRequest, verb: i.verb, apiPrefix: i.apiPrefix, apiGroup: i.apiGroup, apiVersion: i.apiVersion, namespace: i.namespace, resource: i.resource, subresource: i.subresource, name: i.name, parts: i.parts },
      { isResourceRequest: true, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts },
      `${method} ${url}`,
    );
  }
});

test('TestGetAPIRequestInfo error cases are non-resource requests', () => {
  for (const [label, url] of Object.entries(NON_RESOURCE_CASES)) {
    const i = info('GET', url);
    assert.equal(i.isResourceRequest, false, label);
    assert.equal(i.verb, 'get', label);
    assert.equal(i.path, url, label);
  }
});

test('TestGetNonAPIRequestInfo', () => {
  for (const [label, [url, expected]] of Object.entries(IS_RESOURCE_CASES)) assert.equal(info('GET', url).isResourceRequest, expected, label);
});

test('TestSelectorParsing: name and verb', () => {
  for (const c of SELECTOR_CASES) {
    const i = info(c.method, c.url);
    assert.deepEqual({ name: i.name, verb: i.verb }, { name: c.expectedName, verb: c.expectedVerb }, c.name);
  }
});

function check(c: UrlCase): void {
  const r = requestInfo(c.method, c.url);
  if ('error' in c.expected) {
    assert.equal(r.ok, false, c.name);
    if (!r.ok) assert.ok(r.error.includes(c.expected.error), `${c.name}: ${r.error}`);
    return;
  }
  assert.ok(r.ok, c.name);
  if (!r.ok) return;
  const q = c.url.indexOf('?');
  const expected = { isResourceRequest: false, apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', path: q === -1 ? c.url : c.url.slice(0, q), ...c.expected };
  const { isResourceRequest, verb, apiGroup, apiVersion, namespace, resource, subresource, name, path } = r.info;
  assert.deepEqual({ isResourceRequest, verb, apiGroup, apiVersion, namespace, resource, subresource, name, path }, expected, c.name);
  if (c.warning === undefined) assert.equal(r.queryWarning, undefined, c.name);
  else assert.ok(r.queryWarning?.includes(c.warning), `${c.name}: ${r.queryWarning}`);
}

for (const c of URL_CASES) test(c.name, () => check(c));
