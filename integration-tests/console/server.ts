import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { hostDistDir } from './build';

/**
 * The dev console host's server, playing the console backend ("bridge"): serves the host app, the plugin's
 * production build under /api/plugins/<name>/ (from dist/, or proxied to the plugin's own server as the
 * console proxies to the ConsolePlugin's Service), its locales, and proxies /api/kubernetes/ (HTTP and
 * WebSocket) to the cluster, with the console's CSRF protection on writes. With `prometheusUrl` it proxies
 * the console's /api/prometheus/ paths to a Prometheus, as the console does to the cluster's Thanos querier.
 */

const PLUGIN_NAME = 'virt-storage-plugin';
const repoRoot = path.resolve(__dirname, '../..');
const K8S_PREFIX = '/api/kubernetes';
const PLUGIN_PREFIX = `/api/plugins/${PLUGIN_NAME}/`;
const PF_PREFIX = '/static/patternfly/';
const patternflyDir = path.join(repoRoot, 'node_modules/@patternfly/patternfly');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
};

export interface HostOptions {
  port?: number;
  /** Host to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Base URL of the Kubernetes API (the simulator), e.g. http://127.0.0.1:41234 */
  clusterUrl: string;
  /** The plugin's production build; defaults to <repo>/dist. Ignored with `pluginUrl`. */
  distDir?: string;
  /**
   * The plugin's server (e.g. nginx from deploy/, https://localhost:9443): /api/plugins/<name>/* and the
   * plugin's locales are fetched from it instead of from `distDir`.
   */
  pluginUrl?: string;
  /** PEM CA certificate(s) to trust for `pluginUrl` (the console trusts the service CA); system CAs else. */
  pluginCa?: string;
  /** The host app build; defaults to integration-tests/console/dist (see build.ts). */
  hostDir?: string;
  /**
   * Base URL of a Prometheus (e.g. from prometheus-launcher.ts): /api/prometheus/api/v1/<endpoint> is proxied
   * to <prometheusUrl>/api/v1/<endpoint>. Without it /api/prometheus/* answers 503, as a console whose
   * monitoring is unavailable.
   */
  prometheusUrl?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const statusBody = (code: number, reason: string, message: string) =>
  JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });

const sendStatus = (res: http.ServerResponse, code: number, reason: string, message: string) => {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(statusBody(code, reason, message));
};

/** Serves a file below `root`; false when there is none (never escapes root). */
const serveFile = (res: http.ServerResponse, root: string, relative: string, extraHeaders = {}): boolean => {
  const file = path.resolve(root, `.${path.posix.normalize(`/${decodeURIComponent(relative)}`)}`);
  if (!file.startsWith(path.resolve(root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  createReadStream(file).pipe(res);
  return true;
};

const readCookie = (req: http.IncomingMessage, name: string) =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** Headers the browser sent that must not reach the API server. */
const forwardHeaders = (req: http.IncomingMessage, target: URL) => {
  const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
  delete headers.cookie;
  delete headers['x-csrftoken'];
  delete headers.origin;
  delete headers.referer;
  return headers;
};

/**
 * The Prometheus API paths the console proxies (openshift/console release-4.22 pkg/server/server.go:409-458):
 * these exact paths, and everything below /api/v1/label/, go to the Thanos querier's /api/ with the
 * /api/prometheus/api/ prefix stripped. Any other /api/prometheus/ path is not registered there and gets the
 * console's index page, as here.
 */
export const PROMETHEUS_PREFIX = '/api/prometheus';
const PROMETHEUS_EXACT = ['query', 'query_range', 'targets', 'metadata', 'series', 'labels', 'rules'].map(
  (e) => `${PROMETHEUS_PREFIX}/api/v1/${e}`,
);
const PROMETHEUS_SUBTREE = `${PROMETHEUS_PREFIX}/api/v1/label/`;
export const isProxiedPrometheusPath = (pathname: string) =>
  PROMETHEUS_EXACT.includes(pathname) || pathname.startsWith(PROMETHEUS_SUBTREE);
/** Console endpoints of monitoring that the dev host does not model: always 503. */
const UNMODELLED_MONITORING = ['/api/prometheus-tenancy', '/api/alertmanager', '/api/alertmanager-tenancy'];

const sendUnavailable = (res: http.ServerResponse, text: string) => {
  res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
};

export const startHost = async (options: HostOptions): Promise<RunningHost> => {
  const cluster = new URL(options.clusterUrl);
  const distDir = options.distDir ?? path.join(repoRoot, 'dist');
  const hostDir = options.hostDir ?? hostDistDir;
  if (!existsSync(path.join(hostDir, 'index.html'))) {
    throw new Error(
      `The console host is not built in ${hostDir}: run "npx tsx integration-tests/console/build.ts"`,
    );
  }
  const csrfToken = randomBytes(16).toString('hex');
  const upstreamPath = (url: string) => url.slice(K8S_PREFIX.length) || '/';

  /** The console's CSRF rule for every proxied write: the header must repeat the cookie. Answers 403 if not. */
  const csrfRefused = (req: http.IncomingMessage, res: http.ServerResponse, method: string): boolean => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(method)) return false;
    const sent = req.headers['x-csrftoken'];
    if (sent && sent === readCookie(req, 'csrf-token')) return false;
    sendStatus(res, 403, 'Forbidden', 'Invalid CSRF token');
    return true;
  };

  const proxy = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (csrfRefused(req, res, method)) return;
    const upstream = http.request(
      {
        hostname: cluster.hostname,
        port: cluster.port,
        path: upstreamPath(req.url!),
        method,
        headers: forwardHeaders(req, cluster),
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        sendStatus(res, 502, 'ServiceUnavailable', `Cluster unreachable: ${e.message}`);
      } else {
        res.destroy(e);
      }
    });
    req.pipe(upstream);
  };

  const prometheus = options.prometheusUrl ? new URL(options.prometheusUrl) : undefined;
  const prometheusBase = prometheus?.pathname.replace(/\/$/, '') ?? '';

  /**
   * /api/prometheus/api/v1/... → <prometheusUrl>/api/v1/... (the console: StripPrefix /api/prometheus/api/,
   * then the Thanos endpoint's /api). The browser's cookies and CSRF header stay here; a POST (a long query
   * as a form) needs the CSRF token as every console write does. Not modelled: the console sends the user's
   * bearer token and Thanos' kube-rbac-proxy authorizes it; here every host user may read every series.
   */
  const proxyPrometheus = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (csrfRefused(req, res, method)) return;
    const target = prometheus!;
    const upstream = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: `${prometheusBase}${req.url!.slice(PROMETHEUS_PREFIX.length)}`,
        method,
        headers: Object.fromEntries(
          ['accept', 'accept-encoding', 'content-type', 'content-length', 'user-agent']
            .filter((h) => req.headers[h] !== undefined)
            .map((h) => [h, req.headers[h]]),
        ),
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        sendUnavailable(res, `Prometheus at ${target.origin} unreachable: ${e.message}`);
      } else {
        res.destroy(e);
      }
    });
    req.pipe(upstream);
  };

  const pluginUrl = options.pluginUrl ? new URL(options.pluginUrl) : undefined;
  if (pluginUrl && pluginUrl.protocol !== 'https:') {
    throw new Error(
      `--plugin-url must be https:// (the console talks TLS to plugin services): ${options.pluginUrl}`,
    );
  }
  const pluginBase = pluginUrl?.pathname.replace(/\/?$/, '/');

  /** GET/HEAD `relative` from the plugin's server; its status, headers and body go back unchanged. */
  const proxyPlugin = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    relative: string,
    orElse?: () => void,
  ) => {
    const upstream = https.request(
      {
        hostname: pluginUrl!.hostname,
        port: pluginUrl!.port || 443,
        path: `${pluginBase}${relative}`,
        method: req.method === 'HEAD' ? 'HEAD' : 'GET',
        ca: options.pluginCa,
        headers: Object.fromEntries(
          ['accept', 'accept-encoding', 'if-none-match', 'if-modified-since', 'user-agent']
            .filter((h) => req.headers[h] !== undefined)
            .map((h) => [h, req.headers[h]]),
        ),
      },
      (upRes) => {
        if (orElse && upRes.statusCode !== 200) {
          upRes.resume();
          orElse();
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        sendStatus(
          res,
          502,
          'ServiceUnavailable',
          `Plugin server ${pluginUrl!.origin} unreachable: ${e.message}`,
        );
      } else {
        res.destroy(e);
      }
    });
    upstream.end();
  };

  const serveLocales = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const lng = url.searchParams.get('lng') ?? 'en';
    const ns = url.searchParams.get('ns') ?? '';
    const empty = () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    };
    if (pluginUrl) {
      // As the console does: the plugin's service answers /locales/<lng>/<ns>.json, or there is nothing.
      proxyPlugin(req, res, `locales/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`, empty);
      return;
    }
    // The console asks each plugin's service for /locales/<lng>/<ns>.json; the repo copy is the fallback.
    for (const root of [path.join(distDir, 'locales'), path.join(repoRoot, 'locales')]) {
      if (serveFile(res, root, `${lng}/${ns}.json`, { 'Cache-Control': 'no-cache' })) {
        return;
      }
    }
    empty();
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === K8S_PREFIX || url.pathname.startsWith(`${K8S_PREFIX}/`)) {
      proxy(req, res);
    } else if (url.pathname.startsWith(`${PROMETHEUS_PREFIX}/`) && !prometheus) {
      sendUnavailable(res, 'Monitoring is not available: the console host has no Prometheus (--prometheus).');
    } else if (isProxiedPrometheusPath(url.pathname)) {
      proxyPrometheus(req, res);
    } else if (UNMODELLED_MONITORING.some((p) => url.pathname.startsWith(`${p}/`))) {
      sendUnavailable(res, `${url.pathname}: not modelled by the dev console host.`);
    } else if (url.pathname.startsWith(PLUGIN_PREFIX) && pluginUrl) {
      proxyPlugin(req, res, req.url!.slice(PLUGIN_PREFIX.length));
    } else if (url.pathname.startsWith(PLUGIN_PREFIX)) {
      if (
        !serveFile(res, distDir, url.pathname.slice(PLUGIN_PREFIX.length), { 'Cache-Control': 'no-cache' })
      ) {
        sendStatus(res, 404, 'NotFound', `${url.pathname} not found in ${distDir} (run "npm run build")`);
      }
    } else if (url.pathname === '/locales/resource.json') {
      serveLocales(req, res, url);
    } else if (url.pathname.startsWith(PF_PREFIX)) {
      if (!serveFile(res, patternflyDir, url.pathname.slice(PF_PREFIX.length))) {
        sendStatus(res, 404, 'NotFound', `${url.pathname} not found`);
      }
    } else if (url.pathname.startsWith('/static/')) {
      if (!serveFile(res, hostDir, url.pathname.slice(1))) {
        sendStatus(res, 404, 'NotFound', `${url.pathname} not found`);
      }
    } else {
      // Every other path is a console route: the app decides what to show.
      serveFile(res, hostDir, 'index.html', {
        'Set-Cookie': `csrf-token=${csrfToken}; Path=/; SameSite=Strict`,
        'Cache-Control': 'no-cache',
      });
    }
  });

  // WebSocket watches: replay the upgrade request to the cluster and splice the two sockets.
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith(`${K8S_PREFIX}/`)) {
      socket.destroy();
      return;
    }
    const upstream = net.connect(Number(cluster.port), cluster.hostname, () => {
      const headers = forwardHeaders(req, cluster);
      const lines = [`GET ${upstreamPath(req.url!)} HTTP/1.1`];
      for (const [k, v] of Object.entries(headers)) {
        for (const value of Array.isArray(v) ? v : [v]) {
          if (value !== undefined) {
            lines.push(`${k}: ${value}`);
          }
        }
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) {
        upstream.write(head);
      }
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });

  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
};
