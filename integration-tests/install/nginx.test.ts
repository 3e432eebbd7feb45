import { createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nginxMissingReason, repoRoot, startPluginServer, type PluginServer } from './nginx-plugin-server';
import { describeWhenInstalled } from './requires';

/** deploy/nginx.conf in real nginx, serving a copy of the production dist/ over TLS. */

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const DIST = path.join(repoRoot, 'dist');
const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const listFiles = (dir: string, prefix = ''): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : e.isFile()
          ? [`${prefix}${e.name}`]
          : [],
    );

describeWhenInstalled('plugin server: deploy/nginx.conf in real nginx', nginxMissingReason(), () => {
  let server: PluginServer;
  let root: string;
  const agent = () => new https.Agent({ keepAlive: true, maxSockets: 4 });
  let keepAlive: https.Agent;

  /** A request with the path sent exactly as given (no normalisation by the client). */
  const request = (
    rawPath: string,
    options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string; fresh?: boolean } = {},
  ) =>
    new Promise<Reply>((resolve, reject) => {
      const req = https.request(
        {
          host: 'localhost',
          port: server.port,
          path: rawPath,
          method: options.method ?? 'GET',
          headers: options.headers,
          ca: server.ca,
          // A refused request with a body ends its connection's usefulness: send those on their own.
          agent: options.fresh ? false : keepAlive,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  beforeAll(async () => {
    expect(fs.existsSync(path.join(DIST, 'plugin-manifest.json')), 'run "npm run build" first').toBe(true);
    // A copy, so a test may plant files (a symlink out of the root) without touching dist/.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-dist-'));
    fs.cpSync(DIST, root, { recursive: true });
    fs.chmodSync(root, 0o755);
    fs.writeFileSync(path.join(os.tmpdir(), 'outside-dist.txt'), 'secret outside the served root\n');
    fs.symlinkSync(path.join(os.tmpdir(), 'outside-dist.txt'), path.join(root, 'linked.txt'));
    server = await startPluginServer({ distDir: root });
    keepAlive = agent();
  });

  afterAll(async () => {
    keepAlive?.destroy();
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves every file of dist/ unchanged, with its content type and nosniff', async () => {
    const files = listFiles(DIST);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const r = await request(`/${file}`);
      expect(r.status, file).toBe(200);
      expect(r.headers['content-type'], file).toBe(CONTENT_TYPES[path.extname(file)]);
      expect(r.headers['x-content-type-options'], file).toBe('nosniff');
      expect(sha(r.body), file).toBe(sha(fs.readFileSync(path.join(DIST, file))));
    }
  });

  it('makes the console revalidate the manifest and the locales, and lets browsers keep hashed chunks', async () => {
    const manifest = await request('/plugin-manifest.json');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const { name, loadScripts } = JSON.parse(manifest.body.toString()) as {
      name: string;
      loadScripts: string[];
    };
    expect(name).toBe('virt-storage-plugin');

    const locale = await request('/locales/en/plugin__virt-storage-plugin.json');
    expect(locale.status).toBe(200);
    expect(locale.headers['cache-control']).toBe('no-cache');

    for (const script of loadScripts) {
      expect((await request(`/${script}`)).headers['cache-control'], script).toBe(IMMUTABLE);
    }
    const chunk = listFiles(DIST).find((f) => /-chunk-[0-9a-f]+\.min\.js$/.test(f))!;
    expect((await request(`/${chunk}`)).headers['cache-control']).toBe(IMMUTABLE);
    // A name that only looks hashed in part, or a licence file next to a chunk, is revalidated.
    expect((await request(`/${chunk}.LICENSE.txt`)).headers['cache-control']).toMatch(/no-cache|^$/);
  });

  it('compresses JavaScript and JSON for clients that accept gzip', async () => {
    const entry = listFiles(DIST).find((f) => f.startsWith('plugin-entry.'))!;
    for (const file of [entry, 'locales/en/plugin__virt-storage-plugin.json']) {
      const r = await request(`/${file}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(r.headers['content-encoding'], file).toBe('gzip');
      expect(r.headers.vary, file).toContain('Accept-Encoding');
      expect(sha(gunzipSync(r.body)), file).toBe(sha(fs.readFileSync(path.join(DIST, file))));
      expect(r.body.length, file).toBeLessThan(fs.statSync(path.join(DIST, file)).size);
    }
  });

  it('answers GET and HEAD only: other methods get 405 with Allow', async () => {
    const head = await request('/plugin-manifest.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await request('/plugin-manifest.json', { method, body: '{}', fresh: true });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
      expect(r.headers['x-content-type-options'], method).toBe('nosniff');
    }
    const after = await request('/plugin-manifest.json');
    expect(sha(after.body)).toBe(sha(fs.readFileSync(path.join(DIST, 'plugin-manifest.json'))));
  });

  it('lists no directory and serves no index page', async () => {
    for (const dir of ['/', '/locales/', '/locales/en/', '/locales']) {
      const r = await request(dir);
      expect(r.status, dir).toBe(404);
      expect(r.body.toString(), dir).not.toMatch(/plugin__virt-storage-plugin|plugin-entry|Index of/);
    }
  });

  it('serves nothing outside dist/: parent paths, encoded parents, symlinks', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/locales/../../etc/passwd',
    ]) {
      const r = await request(p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body.toString(), p).not.toMatch(/"name": "virt-storage-plugin"|root:x:0:0/);
    }
    const linked = await request('/linked.txt');
    expect([403, 404]).toContain(linked.status);
    expect(linked.body.toString()).not.toContain('secret outside');
    expect((await request('/no-such-file.js')).status).toBe(404);
  });

  it('speaks TLS only and names no version of itself', async () => {
    const manifest = await request('/plugin-manifest.json');
    expect(manifest.headers.server).toBe('nginx');
    const notFound = await request('/missing');
    expect(notFound.body.toString()).not.toMatch(/nginx\/\d/);

    const plain = await new Promise<Reply>((resolve, reject) => {
      http
        .get({ host: 'localhost', port: server.port, path: '/plugin-manifest.json' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    });
    expect(plain.status).toBe(400);
    expect(plain.body.toString()).not.toContain('virt-storage-plugin');
  });
});
