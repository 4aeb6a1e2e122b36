// The replay index's hash table of ids: exact whatever the hashes (colliding hashes are told apart
// by the caller's equality), and nothing is lost when it grows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HASH_SEED, hashString, IdTable } from '../../server/src/core/replay/idTable.ts';

test('ids with one hash are told apart by equality, through growth', () => {
  const table = new IdTable();
  const names = Array.from({ length: 3000 }, (_, i) => `n${i}`);
  names.forEach((_, id) => table.add(7, id));
  names.forEach((name, id) => assert.equal(table.find(7, (k) => names[k] === name), id));
  assert.equal(table.find(7, () => false), -1);
  assert.equal(table.find(8, () => true), -1);
});

test('ids with spread hashes are found, absent ones are not', () => {
  const table = new IdTable();
  const names = Array.from({ length: 5000 }, (_, i) => `name-${i}`);
  const hash = (s: string): number => hashString(HASH_SEED, s);
  names.forEach((name, id) => table.add(hash(name), id));
  names.forEach((name, id) => assert.equal(table.find(hash(name), (k) => names[k] === name), id));
  assert.equal(table.find(hash('absent'), (k) => names[k] === 'absent'), -1);
});

test('the string hash depends on where one string ends and the next begins', () => {
  assert.notEqual(hashString(hashString(HASH_SEED, 'ab'), 'c'), hashString(hashString(HASH_SEED, 'a'), 'bc'));
});
