import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, loadEdition } from '../../src/load/index.js';

describe.each(['data/2020', 'data/sample'])('%s', (edition) => {
  it('loads without errors or warnings', async () => {
    const r = await loadEdition(fileURLToPath(new URL(`../../${edition}`, import.meta.url)));
    const problems = r.ok ? r.warnings : r.diagnostics;
    expect(problems.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
