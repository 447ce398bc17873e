/**
 * Which one-node schema changes are harmless on each side: for a request the new schema must accept
 * every value the old one did, for a response it must allow only values the old one allowed.
 */
import type { DiffNode, RawSchemaChange } from './diff-graph';
import { harmless } from './compatibility';

const node = (...changes: RawSchemaChange[]): DiffNode => ({
  base: {},
  revision: {},
  changes,
  children: [],
  done: true,
});
const sides = (change: RawSchemaChange) => ({
  request: harmless(node(change), 'request'),
  response: harmless(node(change), 'response'),
});

const type = (...types: string[]) => ({ types });
// Where a change is harmless.
const IN_REQUESTS = { request: true, response: false };
const IN_RESPONSES = { request: false, response: true };
const EVERYWHERE = { request: true, response: true };
const NOWHERE = { request: false, response: false };

describe('harmless', () => {
  it.each<[string, RawSchemaChange, { request: boolean; response: boolean }]>([
    ['a lower maximum', { keyword: 'maxLength', kind: 'changed', before: 10, after: 5 }, IN_RESPONSES],
    ['a higher maximum', { keyword: 'maximum', kind: 'changed', before: 5, after: 10 }, IN_REQUESTS],
    ['a new maximum', { keyword: 'maxItems', kind: 'added', after: 3 }, IN_RESPONSES],
    ['a removed maximum', { keyword: 'maxItems', kind: 'removed', before: 3 }, IN_REQUESTS],
    ['a higher minimum', { keyword: 'minLength', kind: 'changed', before: 1, after: 2 }, IN_RESPONSES],
    ['a lower minimum', { keyword: 'minimum', kind: 'changed', before: 2, after: 1 }, IN_REQUESTS],
    ['a new minimum', { keyword: 'minProperties', kind: 'added', after: 1 }, IN_RESPONSES],
    ['a removed minimum', { keyword: 'exclusiveMinimum', kind: 'removed', before: 0 }, IN_REQUESTS],
    [
      'integer widened to number',
      { keyword: 'type', kind: 'changed', before: type('integer'), after: type('number') },
      IN_REQUESTS,
    ],
    [
      'number narrowed to integer',
      { keyword: 'type', kind: 'changed', before: type('number'), after: type('integer') },
      IN_RESPONSES,
    ],
    [
      'string to integer',
      { keyword: 'type', kind: 'changed', before: type('string'), after: type('integer') },
      NOWHERE,
    ],
    ['nullable added', { keyword: 'nullable', kind: 'added' }, IN_REQUESTS],
    ['nullable removed', { keyword: 'nullable', kind: 'removed' }, IN_RESPONSES],
    ['an enum value added', { keyword: 'enum-value', kind: 'added', after: 'b' }, IN_REQUESTS],
    ['an enum value removed', { keyword: 'enum-value', kind: 'removed', before: 'b' }, IN_RESPONSES],
    ['an enum added', { keyword: 'enum', kind: 'added', after: ['a'] }, IN_RESPONSES],
    ['an enum removed', { keyword: 'enum', kind: 'removed', before: ['a'] }, IN_REQUESTS],
    ['a pattern added', { keyword: 'pattern', kind: 'added', after: '^a' }, IN_RESPONSES],
    ['a pattern changed', { keyword: 'pattern', kind: 'changed', before: '^a', after: '^b' }, NOWHERE],
    ['a property made required', { keyword: 'required', kind: 'added', name: 'id' }, IN_RESPONSES],
    ['a property made optional', { keyword: 'required', kind: 'removed', name: 'id' }, IN_REQUESTS],
    [
      'an optional property added',
      { keyword: 'property', kind: 'added', name: 'memo', property: { schema: {}, required: false } },
      EVERYWHERE,
    ],
    [
      'a required property added',
      { keyword: 'property', kind: 'added', name: 'memo', property: { schema: {}, required: true } },
      IN_RESPONSES,
    ],
    ['a property removed', { keyword: 'property', kind: 'removed', name: 'memo' }, NOWHERE],
    ['a default changed', { keyword: 'default', kind: 'changed', before: 1, after: 2 }, EVERYWHERE],
  ])('%s', (_what, change, expected) => {
    expect(sides(change)).toEqual(expected);
  });

  it('judges a node by all its changes and by every node under it', () => {
    const looser: RawSchemaChange = { keyword: 'maxLength', kind: 'changed', before: 5, after: 10 };
    const stricter: RawSchemaChange = { keyword: 'maxLength', kind: 'changed', before: 10, after: 5 };
    expect(harmless(node(looser, stricter), 'request')).toBe(false);
    const parent = node();
    parent.children.push({ segment: 'properties/name', node: node(stricter) });
    expect(harmless(parent, 'request')).toBe(false);
    expect(harmless(parent, 'response')).toBe(true);
    expect(harmless(null, 'request')).toBe(true);
  });
});
