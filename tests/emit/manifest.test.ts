import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashInputs, selectHashed } from '../../src/emit/manifest.js';

describe('selectHashed', () => {
  it('gives some of the inputs the hash hashInputs gives them alone, without hashing the files again', () => {
    const file = fc.record({ path: fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,2}\.[a-z]{2,4}$/), bytes: fc.uint8Array({ maxLength: 64 }) });
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => f.path, maxLength: 8 }), fc.func(fc.boolean()), (files, keep) => {
        expect(selectHashed(hashInputs(files), keep)).toEqual(hashInputs(files.filter((f) => keep(f.path))));
      }),
    );
  });
});
