/**
 * Puts the Lambda platform's (linux arm64) builds of the native packages into the npm cache, so that
 * `cdk synth`, which installs them beside the bundles, works offline afterwards. Runs after
 * `npm install` / `npm ci` (postinstall). Without a registry it only warns: synth then needs one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREA_NATIVE_MODULES } from './area-bindings.ts';
import { WORKER_NATIVE_MODULES } from './bundling.ts';

const packages = [...new Set([...Object.values(AREA_NATIVE_MODULES).flat(), ...WORKER_NATIVE_MODULES])];
const versionOf = (name: string) => (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const dir = mkdtempSync(join(tmpdir(), 'kindred-natives-'));
try {
  const dependencies = Object.fromEntries(packages.map((name) => [name, versionOf(name)]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kindred-lambda-natives', private: true, dependencies }));
  // The same platform the bundling installs for (kindred-function.ts), with install scripts off: only the cache matters.
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--os=linux', '--cpu=arm64', '--libc=glibc'], { cwd: dir, stdio: 'ignore' });
  // And every package of that tree by name and version, which caches the full metadata an offline install resolves against.
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const tree = Object.entries(lock.packages).flatMap(([path, entry]) => (path && entry.version ? [`${path.slice(path.lastIndexOf('node_modules/') + 13)}@${entry.version}`] : []));
  execFileSync('npm', ['cache', 'add', ...tree], { cwd: dir, stdio: 'ignore' });
  console.log(`cached the linux-arm64 builds of ${packages.join(', ')} for offline cdk synth`);
} catch (error) {
  console.warn(`could not cache the Lambda's native packages (${(error as Error).message.split('\n')[0]}); cdk synth will need the registry`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
