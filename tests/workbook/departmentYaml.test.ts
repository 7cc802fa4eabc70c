import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changedPaths } from '../../src/workbook/alignLists.js';
import { comparable, departmentYaml } from '../../src/workbook/departmentYaml.js';

const SOURCE = `# yaml-language-server: $schema=../../../schema/department.schema.json
# 企画部: 担当 山田（内線 2150）
name: 企画部
mission: |
  市政の総合的な企画・調整を行います。
sections:
  - name: 企画経営課 # 課の並びは組織規則の順
    staff: 12
  - name: 財政課
resources: { staff: 58, budget: 1200 }
projects:
  # ① は最重点
  - title: 基本計画の策定
    budget: { amount: 1200 }
    indicators:
      - { name: 参加者数, unit: 人, baseline: { value: 120, year: 2019 }, target: { value: 200, year: 2022 } }
  # ② は継続
  - title: 行政手続のオンライン化
    summary: |-
      申請をオンラインにします。
    indicators: []
`;

const data = () => parse(SOURCE) as { [key: string]: unknown } & { projects: { [key: string]: unknown }[]; sections: unknown[] };

describe('departmentYaml on an existing file', () => {
  it('gives the file back byte for byte when the data is the same', () => {
    expect(departmentYaml(data(), SOURCE)).toBe(SOURCE);
  });

  it('keeps comments, key order and styles, changing only the changed value', () => {
    const next = data();
    next.projects[1]!['summary'] = '申請をオンラインにします。\n\n窓口も残します。';
    const out = departmentYaml(next, SOURCE);
    expect(out).toBe(SOURCE.replace('      申請をオンラインにします。\n', '      申請をオンラインにします。\n\n      窓口も残します。\n'));
  });

  it('keeps each item with its comment when one is inserted or removed in the middle', () => {
    const next = data();
    next.projects.splice(1, 0, { title: '新しい事業', summary: '一行目\n二行目' });
    next.sections.splice(0, 1);
    const out = departmentYaml(next, SOURCE);
    expect(out).toContain('  # ① は最重点\n  - title: 基本計画の策定\n');
    expect(out).toContain('  - title: 新しい事業\n    summary: |-\n      一行目\n      二行目\n  # ② は継続\n  - title: 行政手続のオンライン化\n');
    expect(out).not.toContain('企画経営課');
    expect(parse(out)).toStrictEqual(next);
  });

  it('keeps the form the workbook cannot tell apart: a final line break, a number as text, { amount }, an empty list', () => {
    const next = data();
    next['mission'] = '市政の総合的な企画・調整を行います。';
    ((next.projects[0]!['indicators'] as { baseline: { value: unknown } }[])[0]!.baseline.value = '120');
    next.projects[0]!['budget'] = 1200;
    delete next.projects[1]!['indicators'];
    expect(departmentYaml(next, SOURCE)).toBe(SOURCE);
    expect(comparable(next)).toStrictEqual(comparable(data()));
  });

  it('adds a new key after the one it follows in the schema, and quotes a text that would read as a number', () => {
    const next = data();
    const { projects, ...head } = next;
    const out = departmentYaml({ ...head, contact: { section: '企画経営課', extension: '0312' }, projects }, SOURCE);
    expect(out).toContain('resources: { staff: 58, budget: 1200 }\ncontact:\n  section: 企画経営課\n  extension: "0312"\nprojects:\n');
  });

  it('removes a key that is gone, its comment moving to the next key', () => {
    const { name: _name, ...rest } = data();
    const out = departmentYaml({ name: '企画政策部', ...rest }, SOURCE);
    expect(out.split('\n').slice(0, 3)).toEqual(['# yaml-language-server: $schema=../../../schema/department.schema.json', '# 企画部: 担当 山田（内線 2150）', 'name: 企画政策部']);
  });
});

describe('departmentYaml for a new file', () => {
  it('writes the committed files\' style: the schema line, block texts, values on one line', () => {
    const out = departmentYaml(
      {
        name: '企画部',
        mission: '一行目\n\n・二つ目\n',
        contact: { section: '企画経営課', extension: '0312' },
        projects: [{ title: 'A', indicators: [{ name: 'X', baseline: { value: 1, year: 2023 }, values: [{ label: '実績値', value: '策定' }], target: { value: 0, at: '2026年' } }] }],
      },
      undefined,
      ' yaml-language-server: $schema=../../../schema/department.schema.json',
    );
    expect(out).toBe(`# yaml-language-server: $schema=../../../schema/department.schema.json
name: 企画部
mission: |
  一行目

  ・二つ目
contact:
  section: 企画経営課
  extension: "0312"
projects:
  - title: A
    indicators:
      - name: X
        baseline: { value: 1, year: 2023 }
        values:
          - label: 実績値
            value: 策定
        target: { value: 0, at: 2026年 }
`);
  });
});

describe('changedPaths', () => {
  it('names what changed, matching list items by title or name', () => {
    const old = data();
    const next = data();
    next.projects.splice(1, 0, { title: '新しい事業' });
    next.sections.splice(1, 1);
    (next.projects[0]!['indicators'] as { target: { value: number } }[])[0]!.target.value = 250;
    expect(changedPaths(old, next)).toEqual(['sections[1] (removed)', 'projects[0].indicators[0].target.value', 'projects[1] (added)']);
  });
});
