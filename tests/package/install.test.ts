// The package as a user gets it: `npm pack`, installed into an empty folder, run with npx.
// Packing uses the dist/ that `npm ci` built (prepack's clean rebuild would delete dist/
// under the other test files running at the same time).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('holds the built code, templates, fonts, schemas, licences and the sample edition, and no sources or tests', () => {
    for (const f of [
      'bin/booklet.js',
      'dist/booklet.js',
      'dist/code.json',
      'dist/precompiled.generated.cjs',
      'dist/THIRD-PARTY-LICENCES.txt',
      'templates/theme.yaml',
      'fonts/OFL.txt',
      'fonts/BIZUDMincho-Regular.ttf',
      'LICENSE',
      'src/vendor/budoux/LICENSE',
      'schema/config.schema.json',
      'schema/theme.schema.json',
      'data/sample/edition.yaml',
    ]) {
      expect(files).toContain(f);
    }
    // data/sample is what booklet init starts a project with; the city's real data is not shipped.
    expect(files.filter((f) => f.startsWith('tests/') || (f.startsWith('src/') && f.endsWith('.ts')) || (f.startsWith('data/') && !f.startsWith('data/sample/')))).toEqual([]);
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

  it('a city project: init, its own colours and logo, build, archive --with-tool; a second empty folder rebuilds it without the network', () => {
    const booklet = (args: string[], cwd: string) => spawnSync('npx', ['--no-install', 'booklet', ...args], { cwd, encoding: 'utf8' });
    const init = booklet(['init', 'city'], app);
    expect(init.status, init.stderr).toBe(0);
    const city = join(app, 'city');
    // The schema lines point into the installed package.
    expect(readFileSync(join(city, 'booklet.config.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/node_modules\/plan-booklet\/schema\/config\.schema\.json$/m);
    writeFileSync(join(city, 'logo/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40"><circle cx="20" cy="20" r="18" fill="#00873c"/><rect x="44" y="16" width="34" height="8" fill="#e60012"/></svg>\n');
    writeFileSync(join(city, 'booklet.config.yaml'), `${readFileSync(join(city, 'booklet.config.yaml'), 'utf8')}logo: logo/mark.svg\n`);
    writeFileSync(
      join(city, 'theme.yaml'),
      [
        'colors:',
        "  accent: { rgb: '#0b6e4f', cmyk: [85, 20, 75, 10], fine: [85, 0, 75, 0] }",
        "  accentLight: { rgb: '#e3f1ea', cmyk: [10, 0, 8, 0] }",
        'logo:',
        '  colors:',
        "    green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }",
        "    red: { rgb: '#e60012', cmyk: [0, 100, 100, 0] }",
        '',
      ].join('\n'),
    );
    const build = booklet(['build', 'editions/sample', '--impose', 'saddle'], city);
    expect(build.status, build.stderr).toBe(0);
    const archive = booklet(['archive', 'editions/sample', '--with-tool'], city);
    expect(archive.status, archive.stderr).toBe(0);
    const tar = join(city, 'output/sample-archive.tar');
    expect(statSync(tar).size).toBeGreaterThan(1e6);

    // A second empty folder: only the archive, Node and tar. npm and npx there only leave a mark.
    const second = join(work, 'second');
    const fakeBin = join(work, 'no-npm');
    mkdirSync(second);
    mkdirSync(fakeBin);
    for (const tool of ['npm', 'npx']) {
      writeFileSync(join(fakeBin, tool), `#!/bin/sh\necho "$0 $*" >> ${join(work, 'npm-was-called')}\nexit 1\n`);
      chmodSync(join(fakeBin, tool), 0o755);
    }
    cpSync(tar, join(second, 'sample-archive.tar'));
    expect(spawnSync('tar', ['-xf', 'sample-archive.tar'], { cwd: second }).status).toBe(0);
    const offline = { PATH: `${fakeBin}:/usr/bin:/bin`, HOME: second, npm_config_offline: 'true', npm_config_registry: 'http://127.0.0.1:9/' };
    const args = ['sample-archive/tool/bin/booklet.js', 'verify', '--rebuild', 'sample-archive.tar'];
    // Without a network at all where the machine lets us make that (a network namespace of one's own).
    const isolated = spawnSync('unshare', ['-rn', 'true']).status === 0;
    const rebuild = isolated
      ? spawnSync('unshare', ['-rn', process.execPath, ...args], { cwd: second, encoding: 'utf8', env: offline })
      : spawnSync(process.execPath, args, { cwd: second, encoding: 'utf8', env: offline });
    expect(rebuild.status, rebuild.stderr).toBe(0);
    const made = (JSON.parse(readFileSync(join(city, 'output/sample/manifest.json'), 'utf8')) as { files: unknown[] }).files.length;
    expect(rebuild.stdout).toMatch(new RegExp(`rebuilt ${made} file\\(s\\) in`));
    expect(rebuild.stdout).toMatch(/rebuilt \d+ file\(s\) in [\d.]+ s with the plan-booklet it includes \(tool\/\), every one identical to sample-archive\.tar:sample-archive\/output\/manifest\.json/);
    expect(existsSync(join(work, 'npm-was-called'))).toBe(false);
    const verify = spawnSync(process.execPath, ['sample-archive/tool/bin/booklet.js', 'verify', 'sample-archive.tar'], { cwd: second, encoding: 'utf8', env: offline });
    expect(verify.status, verify.stderr).toBe(0);
  }, 600_000);
});
