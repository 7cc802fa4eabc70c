import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue } from '../../src/render/helpers.js';
import { formatDiagnostic } from '../../src/load/diagnostic.js';

describe('values print as the editor wrote them', () => {
  it('keeps every decimal digit and groups thousands', () => {
    expect(formatNumber(0.125)).toBe('0.125');
    expect(formatNumber(0.004)).toBe('0.004');
    expect(formatNumber(1234567)).toBe('1,234,567');
  });
  it('groups every number as the en-US formatter does, whole numbers without it', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
    for (const n of [0, -0, 7, -7, 999, 1000, -1000, 123456, -1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1.5e-7, 12345.678]) {
      expect(formatNumber(n), String(n)).toBe(intl.format(n));
    }
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.double({ noNaN: true })), (n) => {
        expect(formatNumber(n)).toBe(intl.format(n));
      }),
      { numRuns: 2000 },
    );
  });
  it('keeps the unit with numeric and numeric-looking text values, not after words', () => {
    expect(formatValue(120, '人')).toBe('120人');
    expect(formatValue('約120', '人以上')).toBe('約120人以上');
    expect(formatValue('約120人以上', '人以上')).toBe('約120人以上');
    expect(formatValue('策定', '件')).toBe('策定');
  });
});

describe('code frames never pass control characters to the terminal', () => {
  it('shows ESC and direction overrides as visible stand-ins, caret still under the column', () => {
    const text = 'title: 入札\u001b[2J\u202e見直し\n';
    const out = formatDiagnostic({ file: 'a.yaml', line: 1, column: 14, severity: 'error', message: 'x' }, text);
    expect(out).not.toMatch(/[\u001b\u202e]/);
    expect(out).toContain('␛[2J⟨U+202E⟩見直し');
    const caret = out.split('\n')[2]!;
    // "title: " 7 columns, 入札 4 (wide), ␛[2J 4: the caret stands under the 16th column
    expect(caret.slice(caret.indexOf('|') + 2)).toBe(`${' '.repeat(15)}^`);
  });
});
