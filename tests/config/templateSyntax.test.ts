import { describe, expect, it } from 'vitest';
import { templateSyntax } from '../../src/config/templateSyntax.js';

describe('a Handlebars syntax error in an override is placed where the parser stopped', () => {
  it.each([
    // text, line, column of the token the parser refused (the lone `}`, the `}}` of an empty partial …)
    ['<p>\n{{#if city}}\n{{city}\n', 3, 7],
    ['<p>\n  {{#if x}}\n  hello {{name}\n{{/if}}', 3, 15],
    ['ok\n  {{> }}', 2, 7],
    ['{{foo bar=}}', 1, 11],
    ['<section>\n  <h1>{{title}}</h1>\n  <p>{{#each items}}{{this}}{{/each}}</p>\n  <p>{{{raw}}</p>\n</section>\n', 4, 12],
  ])('%j → %i:%i', (text, line, column) => {
    expect(templateSyntax(text)).toMatchObject({ line, column, message: expect.stringMatching(/^Handlebars: Expecting /) });
  });

  it('a block closed by another name: the place Handlebars gives (the opening block’s name)', () => {
    expect(templateSyntax('x\n{{#each a}}\n{{/if}}')).toMatchObject({ line: 2, column: 4, message: "Handlebars: each doesn't match if" });
  });

  it('a template that compiles has no problem', () => {
    expect(templateSyntax('{{#if a}}{{b}}{{/if}}')).toBeUndefined();
  });
});
