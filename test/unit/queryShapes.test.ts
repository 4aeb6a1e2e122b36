// Server-side filtering, sorting and paging of request shapes (what the replay panel shows of a
// million events): every filter, both byte orders, and paging bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SHAPE_LIMIT, queryShapes, shapeTarget, type ShapeQuery } from '../../server/src/core/replay/queryShapes.ts';
import type { ShapeRow } from '../../server/src/core/replay/replayAggregate.ts';
import type { Level } from '../../server/src/core/model.ts';

function row(id: string, o: { user?: string | null; verb?: string; group?: string; resource?: string; sub?: string; path?: string; ns?: string; rule?: number | null; level?: Level; events: number; before: number; after: number; up?: number; down?: number }): ShapeRow {
  const isResourceRequest = o.path === undefined;
  return {
    shape: Number(id.slice(1)),
    key: Number(id.slice(1)),
    user: o.user === undefined ? id : o.user,
    verb: o.verb ?? 'get',
    isResourceRequest,
    apiGroup: o.group ?? '',
    resource: o.resource ?? (isResourceRequest ? 'pods' : ''),
    subresource: o.sub ?? '',
    namespace: o.ns ?? '',
    path: o.path ?? '',
    rule: o.rule === undefined ? 0 : o.rule,
    level: o.level ?? 'Metadata',
    events: o.events,
    kept: o.events,
    dropped: 0,
    bytesBefore: o.before,
    bytesAfter: o.after,
    growthUnknownEvents: 0,
    levelUp: o.up ?? 0,
    levelDown: o.down ?? 0,
    levelSame: o.events - (o.up ?? 0) - (o.down ?? 0),
    levelUnknown: 0,
  };
}

// In the aggregate's order: events descending.
const SHAPES: ShapeRow[] = [
  row('s1', { user: 'system:node:n1', verb: 'update', group: 'coordination.k8s.io', resource: 'leases', ns: 'kube-node-lease', events: 900, before: 9000, after: 9000, rule: 1, level: 'Request', up: 900 }),
  row('s2', { user: 'Alice@example.com', verb: 'get', resource: 'secrets', ns: 'payments', events: 50, before: 90000, after: 0, rule: 0, level: 'None', down: 50 }),
  row('s3', { user: null, verb: 'get', path: '/healthz', events: 40, before: 400, after: 400, rule: null, level: 'None' }),
  row('s4', { user: 'bob', verb: 'create', resource: 'pods', sub: 'exec', ns: 'payments', events: 3, before: 30000, after: 50000, rule: 2, level: 'RequestResponse', up: 3 }),
];

function check(query: ShapeQuery, expected: readonly string[], matched = expected.length): void {
  const page = queryShapes(SHAPES, query);
  assert.deepEqual(
    page.rows.map((r) => `s${r.shape}`),
    expected,
    JSON.stringify(query),
  );
  assert.equal(page.matched, matched, `matched for ${JSON.stringify(query)}`);
  assert.equal(page.total, SHAPES.length);
}

test('no query: every shape, in the aggregate order', () => check({}, ['s1', 's2', 's3', 's4']));
test('text filters are case-insensitive substrings', () => {
  check({ user: 'alice' }, ['s2']);
  check({ user: 'NODE' }, ['s1']);
  check({ verb: 'get' }, ['s2', 's3']);
  check({ namespace: 'pay' }, ['s2', 's4']);
  check({ user: 'zz', verb: 'get' }, []);
});
test('resource matches group/resource/subresource, or the path of a non-resource request', () => {
  check({ resource: 'coordination.k8s.io/leases' }, ['s1']);
  check({ resource: 'pods/exec' }, ['s4']);
  check({ resource: '/healthz' }, ['s3']);
  assert.deepEqual(SHAPES.map(shapeTarget), ['coordination.k8s.io/leases', 'secrets', '/healthz', 'pods/exec']);
});
test('level, rule ("none" = no rule matched) and level change', () => {
  check({ level: 'None' }, ['s2', 's3']);
  check({ rule: 0 }, ['s2']);
  check({ rule: 'none' }, ['s3']);
  check({ changed: 'up' }, ['s1', 's4']);
  check({ changed: 'down' }, ['s2']);
  check({ changed: 'same' }, ['s3']);
  check({ changed: 'any' }, ['s1', 's2', 's3', 's4']);
});
test('sorted by recorded bytes or bytes after, descending', () => {
  check({ sort: 'bytesBefore' }, ['s2', 's4', 's1', 's3']);
  check({ sort: 'bytesAfter' }, ['s4', 's1', 's3', 's2']);
});
test('pages: offset and limit, clamped', () => {
  check({ limit: 2 }, ['s1', 's2'], 4);
  check({ limit: 2, offset: 2 }, ['s3', 's4'], 4);
  check({ offset: 99 }, ['s4'], 4);
  check({ limit: 0 }, ['s1'], 4);
  assert.equal(queryShapes(Array.from({ length: 600 }, (_, i) => row(`s${i}`, { events: 1, before: 1, after: 1 })), { limit: 10_000 }).rows.length, MAX_SHAPE_LIMIT);
});
