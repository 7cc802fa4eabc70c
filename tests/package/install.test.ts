// The package as a user gets it: `npm pack`, installed into an empty folder, run with npx.
// Packing uses the dist/ that `npm ci` built (prepack's clean rebuild would delete dist/
// under the other test files running at the same time).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('npm pack → install into an empty folder', () => {
  let work: string;
  let files: string[];
  let app: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'booklet-pack-'));
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    app = join(work, 'app');
    cpSync(join(ROOT, 'data/2020'), join(app, 'editions/2020'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "city-app", "private": true }\n');
    const installed = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, info!.filename)], app);
    expect(installed.status, installed.stderr).toBe(0);
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built code, templates, fonts and licences, and no sources or tests', () => {
    for (const f of ['bin/booklet.js', 'dist/cli/run.js', 'dist/render/precompiled.generated.cjs', 'templates/theme.yaml', 'fonts/OFL.txt', 'fonts/BIZUDMincho-Regular.ttf', 'LICENSE', 'src/vendor/budoux/LICENSE']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('tests/') || (f.startsWith('src/') && f.endsWith('.ts')) || f.startsWith('data/'))).toEqual([]);
  });

  it('installs without dev dependencies and budoux’s command-line dependencies', () => {
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const names = Object.keys(lock.packages);
    for (const unwanted of ['typescript', 'vitest', 'commander', 'budoux', 'google-artifactregistry-auth']) {
      expect(names.some((n) => n.endsWith(`node_modules/${unwanted}`)), unwanted).toBe(false);
    }
  });

  it('builds an edition with npx booklet', () => {
    const run = spawnSync('npx', ['--no-install', 'booklet', 'build', 'editions/2020'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const f of ['booklet.pdf', 'booklet-print.pdf', 'digest.pdf', 'manifest.json', 'inserts/01-kikaku.pdf']) {
      expect(existsSync(join(app, 'output/2020', f)), f).toBe(true);
    }
    // The installed copy makes the same bytes as the repository's own build.
    const manifest = JSON.parse(readFileSync(join(app, 'output/2020/manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const booklet = manifest.files.find((f) => f.path === 'booklet.pdf')!;
    const ours = execFileSync(process.execPath, [join(ROOT, 'bin/booklet.js'), 'build', join(app, 'editions/2020'), '--out', join(work, 'ours'), '--only', 'booklet'], { encoding: 'utf8' });
    expect(ours).toContain('booklet.pdf');
    const oursManifest = JSON.parse(readFileSync(join(work, 'ours/manifest.json'), 'utf8')) as typeof manifest;
    expect(oursManifest.files.find((f) => f.path === 'booklet.pdf')!.sha256).toBe(booklet.sha256);
  });
});
