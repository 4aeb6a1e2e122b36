// The request line a person types (parseRequestLine): accepted forms and clear errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequestLine } from '../../server/src/core/request/requestLine.ts';

type Expected =
  | { readonly method: string; readonly target: string; readonly verb: string; readonly resource?: string; readonly name?: string; readonly warning?: string }
  | { readonly error: string; readonly at: string };

const CASES: readonly (readonly [string, Expected])[] = [
  ['GET /api/v1/namespaces/kube-system/secrets/foo', { method: 'GET', target: '/api/v1/namespaces/kube-system/secrets/foo', verb: 'get', resource: 'secrets', name: 'foo' }],
  ['get /api/v1/pods', { method: 'GET', target: '/api/v1/pods', verb: 'list', resource: 'pods' }],
  ['  Delete   /api/v1/namespaces/a/pods  ', { method: 'DELETE', target: '/api/v1/namespaces/a/pods', verb: 'deletecollection', resource: 'pods' }],
  ['/api/v1/nodes', { method: 'GET', target: '/api/v1/nodes', verb: 'list', resource: 'nodes' }],
  ['GET https://10.0.0.1:6443/api/v1/nodes/n1?pretty=true', { method: 'GET', target: '/api/v1/nodes/n1?pretty=true', verb: 'get', resource: 'nodes', name: 'n1' }],
  ['https://cluster.example/healthz', { method: 'GET', target: '/healthz', verb: 'get' }],
  ['HTTPS://cluster.example', { method: 'GET', target: '/', verb: 'get' }],
  ['GET /api/v1/pods#frag', { method: 'GET', target: '/api/v1/pods', verb: 'list', resource: 'pods' }],
  ['GET /api/v1/pods HTTP/1.1', { method: 'GET', target: '/api/v1/pods', verb: 'list', resource: 'pods' }],
  ['post /healthz', { method: 'POST', target: '/healthz', verb: 'post' }],
  ['OPTIONS /api/v1/pods', { method: 'OPTIONS', target: '/api/v1/pods', verb: '', resource: 'pods' }],
  ['list /api/v1/pods', { method: 'GET', target: '/api/v1/pods', verb: 'list', resource: 'pods' }],
  ['watch /api/v1/namespaces/a/pods', { method: 'GET', target: '/api/v1/namespaces/a/pods?watch=true', verb: 'watch', resource: 'pods' }],
  ['watch /api/v1/pods?fieldSelector=metadata.name%3Dp', { method: 'GET', target: '/api/v1/pods?fieldSelector=metadata.name%3Dp&watch=true', verb: 'watch', resource: 'pods', name: 'p' }],
  ['WATCH /api/v1/watch/pods', { method: 'GET', target: '/api/v1/watch/pods?watch=true', verb: 'watch', resource: 'pods' }],
  ['create /api/v1/namespaces/a/pods', { method: 'POST', target: '/api/v1/namespaces/a/pods', verb: 'create', resource: 'pods' }],
  ['update /api/v1/namespaces/a/pods/p', { method: 'PUT', target: '/api/v1/namespaces/a/pods/p', verb: 'update', resource: 'pods', name: 'p' }],
  ['deletecollection /api/v1/namespaces/a/pods', { method: 'DELETE', target: '/api/v1/namespaces/a/pods', verb: 'deletecollection', resource: 'pods' }],
  ['GET /api/v1/pods?fieldSelector=metadata.name=p&limit=x', { method: 'GET', target: '/api/v1/pods?fieldSelector=metadata.name=p&limit=x', verb: 'list', resource: 'pods', name: '', warning: 'ignores fieldSelector' }],
  ['', { error: 'empty request', at: '' }],
  ['   ', { error: 'empty request', at: '   ' }],
  ['FETCH /api/v1/pods', { error: 'unknown HTTP method "FETCH"', at: 'FETCH' }],
  ['GET', { error: 'missing path after GET', at: 'GET' }],
  ['GET api/v1/pods', { error: 'the path must start with "/"', at: 'api/v1/pods' }],
  ['GET /api/v1/pods extra', { error: 'unexpected "extra" after the path', at: 'extra' }],
  ['GET /a b HTTP/1.1', { error: 'unexpected "b" after the path', at: 'b' }],
  ['GET /api/v1/watch', { error: 'unable to determine kind and namespace', at: '/api/v1/watch' }],
  ['GET /api/v1/pods/%ZZ', { error: 'invalid percent-encoding', at: '/api/v1/pods/%ZZ' }],
  ['list /api/v1/namespaces/a/pods/p', { error: '"list" does not fit this path: kube-apiserver reads GET /api/v1/namespaces/a/pods/p as verb "get"', at: 'list' }],
  ['create /healthz', { error: '"create" does not fit this path: kube-apiserver reads /healthz as a non-resource path (verb "post")', at: 'create' }],
  ['deletecollection /api/v1/namespaces/a/pods/p', { error: 'reads DELETE /api/v1/namespaces/a/pods/p as verb "delete"', at: 'deletecollection' }],
];

function check(line: string, expected: Expected): void {
  const r = parseRequestLine(line);
  if ('error' in expected) {
    assert.equal(r.ok, false, line);
    if (r.ok) return;
    assert.ok(r.error.includes(expected.error), `${line}: ${r.error}`);
    assert.equal(line.slice(r.start, r.end), expected.at, `${line}: span`);
    return;
  }
  assert.ok(r.ok, `${line}: ${r.ok ? '' : r.error}`);
  if (!r.ok) return;
  const { method, target, info, warning } = r.request;
  assert.deepEqual(
    { method, target, verb: info.verb, resource: info.resource, name: info.name },
    { method: expected.method, target: expected.target, verb: expected.verb, resource: expected.resource ?? '', name: expected.name ?? '' },
    line,
  );
  if (expected.warning === undefined) assert.equal(warning, undefined, line);
  else assert.ok(warning?.includes(expected.warning), `${line}: ${warning}`);
}

for (const [line, expected] of CASES) test(JSON.stringify(line), () => check(line, expected));
