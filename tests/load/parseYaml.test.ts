import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/parseYaml.js';

describe('parseYaml', () => {
  it('gives data and no diagnostics for good YAML', () => {
    const r = parseYaml('x.yaml', 'name: 企画部\nlist: [a, b]\n');
    expect(r.data?.value).toEqual({ name: '企画部', list: ['a', 'b'] });
    expect(r.diagnostics).toEqual([]);
  });

  it('strips a BOM so that line 1 columns are right', () => {
    const r = parseYaml('x.yaml', '\uFEFFname: [a\n');
    expect(r.text.startsWith('\uFEFF')).toBe(false);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ file: 'x.yaml', line: 2, severity: 'error' });
  });

  it('reports duplicate keys at the second one, naming the first', () => {
    const r = parseYaml('x.yaml', 'name: a\nprojects: []\nname: b\n');
    expect(r.data).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 1, message: expect.stringContaining('"name" appears twice (first at line 1)') }),
    ]);
  });

  it('reports tab indentation', () => {
    const r = parseYaml('x.yaml', 'contact:\n\tsection: a\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, column: 1, message: expect.stringContaining('indent with spaces') })]);
  });

  it('reports a second document', () => {
    const r = parseYaml('x.yaml', 'name: a\n---\nname: b\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('a file holds only one') })]);
  });

  it('stops a billion-laughs file quickly with a diagnostic', () => {
    let text = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i <= 20; i++) text += `l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]\n`;
    const start = performance.now();
    const r = parseYaml('x.yaml', text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('aliases (*a) expand to too much data') })]);
  });

  it('allows a few ordinary aliases', () => {
    const r = parseYaml('x.yaml', 'a: &v { value: 1, year: 2020 }\nb: *v\nc: *v\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.data?.value).toEqual({ a: { value: 1, year: 2020 }, b: { value: 1, year: 2020 }, c: { value: 1, year: 2020 } });
  });

  it('keeps << as an ordinary key rather than merging', () => {
    const r = parseYaml('x.yaml', 'a: &v { x: 1 }\nb:\n  <<: *v\n');
    expect(r.data?.value).toEqual({ a: { x: 1 }, b: { '<<': { x: 1 } } });
  });

  it('points a colon slip at the colon: a full-width one after a key, ": " inside a value', () => {
    const at = (text: string) => parseYaml('x.yaml', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message.split(' / ')[1]}`);
    expect(at('name：総務部\nprojects:\n  - title: 事業\n')).toEqual(['1:5 a full-width colon "："; write "key: value" with an ASCII colon and a space']);
    expect(at('name: 総務部\nprojects:\n  - title: 入札制度: 継続的な見直し\n')).toEqual(['3:16 the value contains ": "; put the whole value in double quotes']);
  });
});
