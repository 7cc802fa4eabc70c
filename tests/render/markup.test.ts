import { describe, expect, it } from 'vitest';
import { parseMarkup, textOf, MarkupError } from '../../src/render/markup.js';
import { createEngine } from '../../src/render/engine.js';

describe('parseMarkup', () => {
  it('parses parts, blocks and inline bold, dropping template indentation', () => {
    const doc = parseMarkup('<document>\n  <part kind="front">\n    <p>本文<b>強調</b>です</p>\n  </part>\n</document>');
    const part = doc.children[0];
    expect(part?.type === 'element' && part.name).toBe('part');
    expect(textOf(doc)).toBe('本文強調です');
  });
  it('decodes the entities Handlebars writes', () => {
    const doc = parseMarkup('<document><p>&lt;b&gt; &amp; &quot;x&quot; &#x27;y&#x27; &#x60; &#x3D;</p></document>');
    expect(textOf(doc)).toBe('<b> & "x" \'y\' ` =');
  });
  it.each([
    ['<document><script></script></document>', /unknown element <script>/],
    ['<document><p onclick="x"></p></document>', /no attribute "onclick"/],
    ['<document><p>a</document>', /does not close <p>/],
    ['<document><p>a & b</p></document>', /bare "&"/],
    ['<document><p>', /never closed/],
  ])('rejects %s', (src, message) => {
    expect(() => parseMarkup(src)).toThrow(MarkupError);
    expect(() => parseMarkup(src)).toThrow(message);
  });
});

describe('templates escape data', () => {
  const engine = createEngine({ 'layouts/t': '<document><p>{{title}}</p></document>' });
  it.each(['{{x}}', '<b>太字</b>', '</p><p>', '&amp;', "'\"`="])('prints %s literally', (title) => {
    const doc = parseMarkup(engine.layout('t')({ title }));
    expect(textOf(doc)).toBe(title);
  });
});
