// Starts code-server (VS Code in the browser) isolated and offline: its own user data, extensions,
// config and XDG dirs in a temp run dir, no gallery, telemetry or update checks, a free loopback port.
// Used by the UI tests, the extension-host tests, the packaging test and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerHome, csVersion, repoRoot } from './paths.mjs';

const entry = path.join(codeServerHome, 'node_modules/code-server/out/node/entry.js');

/** Settings that keep the workbench quiet, deterministic and offline. */
const baseSettings = {
  'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none', 'workbench.enableExperiments': false, 'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false, 'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false, 'typescript.disableAutomaticTypeAcquisition': true, 'git.enabled': false,
  'chat.disableAIFeatures': true, 'window.restoreWindows': 'none', 'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false, 'editor.hover.delay': 150,
};

/** Installs code-server into the cache dir if it is missing (~50 s the first time, no-op after). */
export function ensureCodeServer() {
  if (fs.existsSync(path.join(codeServerHome, `.complete-${csVersion}`))) return;
  const r = spawnSync('bash', [path.join(repoRoot, 'test/e2e/install-code-server.sh'), codeServerHome],
    { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, CS_VERSION: csVersion } });
  if (r.status !== 0) throw new Error(`installing code-server into ${codeServerHome} failed (exit ${r.status})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** The manifest identity VS Code uses for an extension folder: `<publisher>.<name>-<version>`. */
export function extensionFolderName(extensionPath) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

function tail(file, lines) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile()).map((d) => path.join(d.parentPath ?? d.path, d.name));
}

/**
 * @param {{ extensionPath?: string, vsix?: string, workspace?: string, port?: number, host?: string, settings?: object }} options
 *   extensionPath: symlinked into the extensions dir; vsix: installed with --install-extension first;
 *   settings: user settings over the quiet defaults.
 */
export async function startCodeServer(options = {}) {
  ensureCodeServer();
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-'));
  const dirs = { ud: path.join(run, 'user-data'), ext: path.join(run, 'extensions') };
  for (const d of [path.join(dirs.ud, 'User'), path.join(dirs.ud, 'Machine'), dirs.ext]) fs.mkdirSync(d, { recursive: true });
  const settings = JSON.stringify({ ...baseSettings, ...options.settings }, null, 2);
  fs.writeFileSync(path.join(dirs.ud, 'User/settings.json'), settings);
  fs.writeFileSync(path.join(dirs.ud, 'Machine/settings.json'), settings);
  const host = options.host || '127.0.0.1';
  const port = options.port || await freePort();
  const config = path.join(run, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  if (options.extensionPath) {
    fs.symlinkSync(path.resolve(options.extensionPath), path.join(dirs.ext, extensionFolderName(options.extensionPath)));
  }
  const logFile = path.join(run, 'code-server.log');
  const common = ['--config', config, '--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext];
  // code-server reads PORT (and would override --bind-addr's port with it): leave it out
  const { PORT: _port, ...inherited } = process.env;
  const env = {
    ...inherited, EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data'), XDG_CACHE_HOME: path.join(run, 'xdg-cache'),
  };
  if (options.vsix) {
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', path.resolve(options.vsix)], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) {
      fs.rmSync(run, { recursive: true, force: true });
      throw new Error(`code-server --install-extension ${options.vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  const log = fs.openSync(logFile, 'a');
  const args = [entry, ...common, '--bind-addr', `${host}:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'];
  if (options.workspace) args.push(path.resolve(options.workspace));
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env });
  fs.closeSync(log);
  if (process.env.E2E_PGIDS) fs.appendFileSync(process.env.E2E_PGIDS, `${child.pid}\n`);
  let exitStatus = null;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => { exitStatus = { code, signal }; resolve(exitStatus); }));
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  // if this process exits without stop() (an error, process.exit from a signal handler)
  const lastResort = () => {
    killGroup('SIGKILL');
    fs.rmSync(run, { recursive: true, force: true });
  };
  process.on('exit', lastResort);

  /** The tail of code-server's own output plus the extension host and server logs, for failure messages. */
  const logTail = (lines = 40) => {
    const parts = [`--- code-server output (${logFile}) ---\n${tail(logFile, lines)}`];
    for (const f of filesUnder(path.join(dirs.ud, 'logs'))) {
      if (/\/(exthost\d*|remoteagent)\.log$|\/kube-audit-policy\./.test(f)) {
        const text = tail(f, lines).trim();
        if (text) parts.push(`--- ${path.relative(dirs.ud, f)} ---\n${text}`);
      }
    }
    return parts.join('\n');
  };
  /** Everything the extension under test logged (its output channel, client and server). */
  const extensionLog = () => filesUnder(path.join(dirs.ud, 'logs')).filter((f) => /\/kube-audit-policy\./.test(f))
    .map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const stop = async () => {
    killGroup('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    killGroup('SIGKILL');
    process.off('exit', lastResort);
    fs.rmSync(run, { recursive: true, force: true });
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitStatus) { const t = logTail(); await stop(); throw new Error(`code-server exited (${JSON.stringify(exitStatus)}) before answering\n${t}`); }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { const t = logTail(); await stop(); throw new Error(`code-server did not answer /healthz within 30 s\n${t}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  // exited: resolves with { code, signal } when code-server exits, on its own or stopped
  return { url, port, authority: `${host}:${port}`, extensionsDir: dirs.ext, logTail, extensionLog, stop, exited };
}
