import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');

describe('the README promises', () => {
  it('two set-up commands, and CI runs exactly those', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toMatch(/^npm test\b/m);
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm run example$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('npx ratsfeder works in the repository', () => {
    const result = spawnSync('npx', ['--no-install', 'ratsfeder', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('shows output that the CLI really prints', () => {
    const shown = readme.split('\n').filter((line) => /^ki-kampagne\.anfrage-fehlerhaft\.md:\d+:\d+ /.test(line));
    expect(shown.length).toBeGreaterThan(3);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), 'check', 'ki-kampagne.anfrage-fehlerhaft.md'], {
      cwd: path.join(ROOT, 'test', 'fixtures', 'shared'),
      encoding: 'utf8',
    });
    for (const line of shown) expect(result.stdout).toContain(line);
  });
});
