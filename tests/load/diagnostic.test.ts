import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/load/diagnostic.js';

const d = (line: number, column: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  file: 'data/2020/departments/kikaku.yaml',
  line,
  column,
  severity,
  message: 'projects[0].title: 事業名が空です / is blank',
});

describe('formatDiagnostic', () => {
  it('prints path:line:col: severity: message', () => {
    expect(formatDiagnostic(d(3, 12))).toBe('data/2020/departments/kikaku.yaml:3:12: error: projects[0].title: 事業名が空です / is blank');
    expect(formatDiagnostic(d(1, 1, 'warning'))).toMatch(/^data\/2020\/departments\/kikaku\.yaml:1:1: warning: /);
  });

  it('adds the source line with a caret under the column', () => {
    const text = 'name: 企画部\nprojects:\n  - title: "  "\n';
    expect(formatDiagnostic(d(3, 12), text).split('\n').slice(1)).toEqual([
      '  3 |   - title: "  "',
      '    |            ^',
    ]);
  });

  it('counts full-width characters as two columns so the caret lands under the problem', () => {
    const text = 'title: 企画部の事業: x\r\n';
    expect(formatDiagnostic(d(1, 13), text).split('\n').slice(1)).toEqual([
      '  1 | title: 企画部の事業: x',
      // 7 half-width + 5 full-width characters before the colon.
      `    | ${' '.repeat(7 + 5 * 2)}^`,
    ]);
  });

  it('has no position or frame for a problem with the whole file', () => {
    expect(formatDiagnostic({ ...d(0, 0), message: 'no edition.yaml' }, 'x')).toBe(
      'data/2020/departments/kikaku.yaml: error: no edition.yaml',
    );
  });

  it('leaves the frame out when the line does not exist', () => {
    expect(formatDiagnostic(d(9, 1), 'one line\n')).not.toContain('\n');
  });
});
