// One page of request shapes for the replay panel: filtered, sorted and cut on the server, so a log
// with a million events and a hundred thousand shapes sends the webview a few dozen rows.
import { LEVELS, type Level } from '../model.ts';
import type { ShapeRow } from './replayAggregate.ts';

export type ShapeSort = 'events' | 'bytesBefore' | 'bytesAfter';
export type LevelChange = 'any' | 'up' | 'down' | 'same';

export interface ShapeQuery {
  /** Case-insensitive substrings; empty matches everything. */
  readonly user?: string;
  readonly verb?: string;
  /** Matched against "group/resource/subresource" or, for non-resource requests, the path. */
  readonly resource?: string;
  readonly namespace?: string;
  /** The level the policy gives the shape. */
  readonly level?: Level;
  /** A rule index, or "none" for shapes no rule matches. */
  readonly rule?: number | 'none';
  /** Shapes with events whose level went up or down against the recorded one ("same": neither). */
  readonly changed?: LevelChange;
  readonly sort?: ShapeSort;
  readonly offset?: number;
  readonly limit?: number;
}

export interface ShapePage {
  readonly rows: readonly ShapeRow[];
  /** Shapes matching the filters (rows is a page of them). */
  readonly matched: number;
  /** Shapes in total. */
  readonly total: number;
  readonly offset: number;
}

export const DEFAULT_SHAPE_LIMIT = 50;
export const MAX_SHAPE_LIMIT = 500;

/** "group/resource/subresource" ("resource" for the core group), or the path of a non-resource request. */
export function shapeTarget(s: Pick<ShapeRow, 'isResourceRequest' | 'path' | 'apiGroup' | 'resource' | 'subresource'>): string {
  if (!s.isResourceRequest) return s.path;
  const res = s.subresource === '' ? s.resource : `${s.resource}/${s.subresource}`;
  return s.apiGroup === '' ? res : `${s.apiGroup}/${res}`;
}

const contains = (value: string | null, needle: string | undefined): boolean =>
  needle === undefined || needle === '' || (value ?? '').toLowerCase().includes(needle.toLowerCase());

function changedAs(s: ShapeRow, changed: LevelChange | undefined): boolean {
  switch (changed) {
    case undefined:
    case 'any':
      return true;
    case 'up':
      return s.levelUp > 0;
    case 'down':
      return s.levelDown > 0;
    case 'same':
      return s.levelUp === 0 && s.levelDown === 0;
  }
}

const clamp = (n: number | undefined, lo: number, hi: number, fallback: number): number =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(hi, Math.max(lo, Math.floor(n)));

export function queryShapes(shapes: readonly ShapeRow[], q: ShapeQuery): ShapePage {
  const level = q.level !== undefined && LEVELS.includes(q.level) ? q.level : undefined;
  const rule = q.rule === 'none' ? null : q.rule;
  const matching = shapes.filter(
    (s) =>
      contains(s.user, q.user) &&
      contains(s.verb, q.verb) &&
      contains(shapeTarget(s), q.resource) &&
      contains(s.namespace, q.namespace) &&
      (level === undefined || s.level === level) &&
      (rule === undefined || s.rule === rule) &&
      changedAs(s, q.changed),
  );
  // The aggregate is already by events; other orders keep it as the tie-break (stable sort).
  const sort = q.sort ?? 'events';
  if (sort !== 'events') matching.sort((a, b) => b[sort] - a[sort]);
  const offset = clamp(q.offset, 0, Math.max(0, matching.length - 1), 0);
  const limit = clamp(q.limit, 1, MAX_SHAPE_LIMIT, DEFAULT_SHAPE_LIMIT);
  return { rows: matching.slice(offset, offset + limit), matched: matching.length, total: shapes.length, offset };
}
