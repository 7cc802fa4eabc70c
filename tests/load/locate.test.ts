import { describe, expect, it } from 'vitest';
import { find, locate } from '../../src/load/locate.js';
import { parseYaml } from '../../src/load/parseYaml.js';

const text = `name: 企画部
projects:
  - title: 一つ目
    indicators:
      - name: 指標
        target: { value: 20, year: 2022 }
  - summary: 題名がない
    unit:
base: &b 基本
alias: *b
`;
const src = parseYaml('x.yaml', text);

describe('locate', () => {
  it('points at a value', () => {
    expect(locate(src, ['projects', 0, 'title'])).toEqual({ line: 3, column: 12 });
    expect(locate(src, ['projects', 0, 'indicators', 0, 'target', 'year'])).toEqual({ line: 6, column: 36 });
    expect(locate(src, ['projects', 1])).toEqual({ line: 7, column: 5 });
  });

  it('points at the key of an empty value, which has no text of its own', () => {
    expect(locate(src, ['projects', 1, 'unit'])).toEqual({ line: 8, column: 5 });
  });

  it('points at the parent map for a missing key', () => {
    expect(locate(src, ['projects', 1, 'title'], 'parent')).toEqual({ line: 7, column: 5 });
    expect(locate(src, ['projects', 0, 'indicators', 0, 'target', 'unit'], 'parent')).toEqual({ line: 6, column: 17 });
    expect(locate(src, ['city'], 'parent')).toEqual({ line: 1, column: 1 });
  });

  it('points at the key itself for an unknown key', () => {
    expect(locate(src, ['projects', 0, 'indicators'], 'key')).toEqual({ line: 4, column: 5 });
    expect(locate(src, ['projects', 0, 'indicators', 0, 'target', 'year'], 'key')).toEqual({ line: 6, column: 30 });
  });

  it('follows aliases to where the value is written', () => {
    expect(locate(src, ['alias'])).toEqual({ line: 9, column: 10 });
  });

  it('falls back to the nearest existing ancestor, and to 1:1 for an empty document', () => {
    expect(locate(src, ['projects', 5, 'title'])).toEqual({ line: 3, column: 3 });
    expect(locate(parseYaml('e.yaml', ''), ['name'], 'parent')).toEqual({ line: 1, column: 1 });
  });

  it('find gives undefined unless the whole path exists', () => {
    expect(find(src, ['projects', 0, 'title'])).toEqual({ line: 3, column: 12 });
    expect(find(src, ['projects', 1, 'title'])).toBeUndefined();
  });
});
