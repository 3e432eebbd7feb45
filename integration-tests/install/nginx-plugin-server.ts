import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the plugin's production server as the pod runs it: real nginx with `deploy/nginx.conf`, serving a
 * `dist/` directory over TLS with a throw-away self-signed certificate. Only the paths the pod mounts and the
 * port are rewritten to a temporary directory, so the configuration under test is the one we ship.
 */

export const repoRoot = path.resolve(__dirname, '../..');
export const NGINX_CONF = path.join(repoRoot, 'deploy/nginx.conf');
/** Where `npm run serve:plugin` leaves its certificate while it runs, for `npm start -- --plugin-url` to trust. */
export const DEV_PLUGIN_CA = path.join(repoRoot, '.cache/plugin-server/ca.pem');

/** Where the pod has things (deploy/deployment.yaml, Dockerfile) → where this server puts them. */
const POD_PATHS = {
  cert: '/var/serving-cert/',
  root: '/usr/share/nginx/html',
  tmp: '/tmp/',
  port: '9443',
} as const;

export const findNginx = (): string | undefined =>
  ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => fs.existsSync(p));

export const findOpenssl = (): string | undefined =>
  ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => fs.existsSync(p));

/** Why the real-nginx tests cannot run here, or undefined when they can. */
export const nginxMissingReason = (): string | undefined => {
  if (!findNginx()) return 'nginx is not installed (Debian package "nginx"; .ci/run installs it)';
  if (!findOpenssl()) return 'openssl is not installed (Debian package "openssl"; .ci/run installs it)';
  return undefined;
};

export interface PluginServer {
  /** https://localhost:<port> */
  url: string;
  port: number;
  /** PEM of the self-signed certificate: the CA a client must trust. */
  ca: string;
  caFile: string;
  /** What nginx wrote to stdout (the access log) and stderr (the error log) so far. */
  accessLog(): string;
  errorLog(): string;
  close(): Promise<void>;
}

export interface PluginServerOptions {
  /** The directory to serve; the repo's dist/ by default. */
  distDir?: string;
  /** A fixed port; a free one by default. */
  port?: number;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** deploy/nginx.conf with the pod's paths and port replaced; throws when one of them is no longer used. */
export const rewriteConfig = (
  conf: string,
  to: { certDir: string; root: string; tmpDir: string; port: number },
): string => {
  const replacement: Record<string, string> = {
    [POD_PATHS.cert]: `${to.certDir}/`,
    [POD_PATHS.root]: to.root,
    [POD_PATHS.tmp]: `${to.tmpDir}/`,
    [POD_PATHS.port]: String(to.port),
  };
  const seen = new Set<string>();
  // One pass, so a replaced path is never rewritten again.
  const pattern = /\/var\/serving-cert\/|\/usr\/share\/nginx\/html|\/tmp\/|\b9443\b/g;
  const out = conf.replace(pattern, (m) => {
    seen.add(m);
    return replacement[m];
  });
  const unused = Object.values(POD_PATHS).filter((p) => !seen.has(p));
  if (unused.length) {
    throw new Error(`deploy/nginx.conf no longer uses ${unused.join(', ')}: update POD_PATHS and the pod`);
  }
  return out;
};

const makeCertificate = (dir: string) => {
  execFileSync(
    findOpenssl()!,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-keyout',
      path.join(dir, 'tls.key'),
      '-out',
      path.join(dir, 'tls.crt'),
    ],
    { stdio: 'pipe' },
  );
};

const waitUntilServing = async (url: string, ca: string, child: ChildProcess, errors: () => string) => {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode}: ${errors()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      https
        .get(`${url}/plugin-manifest.json`, { ca }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not serve ${url}/plugin-manifest.json within 15 s: ${errors()}`);
};

export const startPluginServer = async (options: PluginServerOptions = {}): Promise<PluginServer> => {
  const missing = nginxMissingReason();
  if (missing) throw new Error(missing);
  const root = path.resolve(options.distDir ?? path.join(repoRoot, 'dist'));
  if (!fs.existsSync(path.join(root, 'plugin-manifest.json'))) {
    throw new Error(`${root} holds no plugin-manifest.json: run "npm run build" first`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-nginx-'));
  const certDir = path.join(work, 'serving-cert');
  const tmpDir = path.join(work, 'tmp');
  fs.mkdirSync(certDir);
  fs.mkdirSync(tmpDir);
  // As root nginx runs its workers as "nobody", who must be able to create the temp paths (as in the pod).
  fs.chmodSync(tmpDir, 0o1777);
  makeCertificate(certDir);
  const port = options.port ?? (await freePort());
  const confFile = path.join(work, 'nginx.conf');
  fs.writeFileSync(
    confFile,
    rewriteConfig(fs.readFileSync(NGINX_CONF, 'utf8'), { certDir, root, tmpDir, port }),
  );

  // Files, not pipes: nginx opens /dev/stdout and /dev/stderr by name, which fails on Node's socket pairs.
  const accessLogFile = path.join(work, 'stdout.log');
  const errorLogFile = path.join(work, 'stderr.log');
  const out = fs.openSync(accessLogFile, 'a');
  const err = fs.openSync(errorLogFile, 'a');
  const child = spawn(findNginx()!, ['-e', 'stderr', '-p', work, '-c', confFile, '-g', 'daemon off;'], {
    stdio: ['ignore', out, err],
  });
  fs.closeSync(out);
  fs.closeSync(err);
  const readLog = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ca = fs.readFileSync(path.join(certDir, 'tls.crt'), 'utf8');
  const url = `https://localhost:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, ca, child, () => readLog(errorLogFile));
  } catch (e) {
    await close();
    throw e;
  }
  return {
    url,
    port,
    ca,
    caFile: path.join(certDir, 'tls.crt'),
    accessLog: () => readLog(accessLogFile),
    errorLog: () => readLog(errorLogFile),
    close,
  };
};
