import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { metricsWithoutOutlines } from '../../src/engine/parsedFonts.js';
import { PROJECT_ROOT } from '../../src/projectRoot.js';

interface Glyph {
  readonly advanceWidth: number;
  _getMetrics(): { advanceWidth: number; advanceHeight: number; leftBearing: number; topBearing: number };
}
interface Font {
  readonly numGlyphs: number;
  getGlyph(id: number): Glyph;
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buf: Uint8Array): Font };

describe('glyph metrics without outlines', () => {
  for (const file of ['BIZUDMincho-Regular.ttf', 'BIZUDGothic-Regular.ttf', 'BIZUDGothic-Bold.ttf']) {
    it(`${file}: every glyph's metrics are fontkit's own`, () => {
      const bytes = readFileSync(join(PROJECT_ROOT, 'fonts', file));
      const plain = fontkit.create(bytes);
      const fast = fontkit.create(bytes);
      metricsWithoutOutlines(fast as unknown as Parameters<typeof metricsWithoutOutlines>[0]);
      expect(plain.numGlyphs).toBeGreaterThan(10_000);
      for (let id = 0; id < plain.numGlyphs; id++) {
        expect(fast.getGlyph(id)._getMetrics(), `glyph ${id}`).toEqual(plain.getGlyph(id)._getMetrics());
      }
    });
  }
});
