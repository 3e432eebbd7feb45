import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, type K8sObject } from './sim-api';
import { REVIEW_KINDS, type ResourceType } from './registry';
import { badRequest, conflict, notFound, reasonForCode, statusBody } from './errors';
import { apiGroupDoc, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from './discovery';
import { authorize, forbiddenMessage, type ResourceAttributes, type UserInfo, ADMIN_USER } from './rbac';
import { selectorMatcher } from './selectors';
import { listItemJson, objectJson, type ToVersion } from './serialize';
import { toTable, wantsTable } from './table';
import { patchTypeOf } from './patch';
import { answerReview } from './access-review';
import { handleSimControl } from './sim-control';
import { decodeBody, notFoundPage, readBody, requestUser, send, sendError } from './request-io';
import type { WriteRequest } from './operations';
import type { Sim } from './sim';
import { CDI_OPERATOR_METRICS_PATH, serveMetrics } from './world/metrics-endpoint';

const CONSOLE_PREFIX = '/api/kubernetes';

interface ResourceRoute {
  rt: ResourceType;
  group: string;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}
export class HttpApi {
  private readonly wss = new WebSocketServer({
    noServer: true,
    // Browsers fail the handshake unless one offered subprotocol is echoed; prefer a text one.
    handleProtocols: (protocols) =>
      [...protocols].find((p) => !p.startsWith('base64.')) ?? [...protocols][0] ?? false,
  });

  constructor(private readonly sim: Sim) {}

  /** Stored objects as the route's version serves them (the kind's conversion, or an apiVersion rewrite). */
  private toVersion(rt: ResourceType, version: string): ToVersion {
    return (o) => this.sim.convertObject(rt, o, version);
  }

  /** Items for a Table in the route's version (converted only for kinds with a conversion). */
  private tableItems(rt: ResourceType, version: string, items: K8sObject[]): K8sObject[] {
    if (version === rt.storageVersion || !this.sim.hasConverter(rt)) return items;
    return items.map(this.toVersion(rt, version));
  }

  private parseRoute(segs: string[]): ResourceRoute | undefined | 'nogroup' {
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === 'api' && segs.length >= 2) {
      group = '';
      version = segs[1];
      rest = segs.slice(2);
    } else if (segs[0] === 'apis' && segs.length >= 3) {
      group = segs[1];
      version = segs[2];
      rest = segs.slice(3);
    } else return undefined;
    const reg = this.sim.registry;
    if (!reg.servedIn(group, version).length) return 'nogroup';
    if (rest[0] === 'namespaces' && rest.length >= 3 && reg.lookup(group, version, rest[2])?.namespaced) {
      return {
        rt: reg.lookup(group, version, rest[2])!,
        group,
        version,
        namespace: rest[1],
        name: rest[3],
        subresource: rest[4],
      };
    }
    const rt = reg.lookup(group, version, rest[0]);
    if (!rt || rest.length > 3) return undefined;
    return { rt, group, version, name: rest[1], subresource: rest[2] };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Permissive CORS so a dev host on another port may call the simulator directly.
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'Warning');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        });
        return void res.end();
      }
    }
    try {
      await this.route(req, res);
    } catch (e) {
      if (!res.headersSent) sendError(res, e);
      else res.end();
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    let path = url.pathname;
    if (path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`))
      path = path.slice(CONSOLE_PREFIX.length) || '/';
    path = path.replace(/\/+$/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === '/_sim' || path.startsWith('/_sim/'))
      return handleSimControl(this.sim, method, path, req, res);
    // Prometheus' scrape targets (world/metrics.ts), without authentication; not the apiserver's own /metrics.
    if (path === '/metrics' || path === CDI_OPERATOR_METRICS_PATH)
      return serveMetrics(this.sim.store, path, res);

    const q = url.searchParams;
    const isWatch = q.get('watch') === 'true' || q.get('watch') === '1';
    const fault = this.sim.faults.apply(method, path + url.search, isWatch);
    if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.status) {
      const body = fault.status.body;
      const text =
        body === undefined
          ? JSON.stringify(
              statusBody(
                new ApiError(
                  fault.status.code,
                  reasonForCode(fault.status.code),
                  `injected fault: ${fault.status.code}`,
                ),
              ),
            )
          : typeof body === 'string'
            ? body
            : JSON.stringify(body);
      return send(res, fault.status.code, text);
    }

    switch (path) {
      case '/version':
        return send(res, 200, JSON.stringify(VERSION_INFO));
      case '/healthz':
      case '/readyz':
      case '/livez':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('ok');
      case '/api':
        return send(res, 200, JSON.stringify(apiVersions()));
      case '/apis':
        return send(res, 200, JSON.stringify(apiGroupList(this.sim.registry)));
      case '/openapi/v3':
        return send(res, 200, this.sim.openapi.root());
    }
    if (path.startsWith('/openapi/v3/')) {
      const doc = this.sim.openapi.doc(path.slice('/openapi/v3/'.length));
      return doc ? send(res, 200, doc) : notFoundPage(res);
    }
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = apiGroupDoc(this.sim.registry, segs[1]);
      return g ? send(res, 200, JSON.stringify(g)) : notFoundPage(res);
    }
    const route = this.parseRoute(segs);
    if (route === 'nogroup') return notFoundPage(res);
    if (!route) {
      const gvList = (segs[0] === 'api' && segs.length === 2) || (segs[0] === 'apis' && segs.length === 3);
      const list =
        gvList && apiResourceList(this.sim.registry, segs[0] === 'api' ? '' : segs[1], segs[segs.length - 1]);
      if (list) return send(res, 200, JSON.stringify(list));
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    return this.resource(
      method,
      route,
      q,
      isWatch,
      fault.conflict,
      fault.dropWatch,
      req,
      res,
      path + url.search,
    );
  }

  private verbOf(method: string, route: ResourceRoute, isWatch: boolean): string {
    switch (method) {
      case 'GET':
        return isWatch ? 'watch' : route.name ? 'get' : 'list';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return route.name ? 'delete' : 'deletecollection';
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        );
    }
  }

  private checkAccess(user: UserInfo, verb: string, route: ResourceRoute): void {
    const attrs: ResourceAttributes = {
      verb,
      group: route.group,
      resource: route.rt.plural,
      subresource: route.subresource,
      name: route.name,
      namespace: route.namespace,
    };
    if (!authorize(this.sim.store, user, attrs).allowed) {
      throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attrs), undefined, {
        name: route.name,
        group: route.group,
        kind: route.rt.plural,
      });
    }
  }

  private async resource(
    method: string,
    route: ResourceRoute,
    q: URLSearchParams,
    isWatch: boolean,
    forceConflict: boolean,
    dropWatch: boolean,
    req: IncomingMessage,
    res: ServerResponse,
    fullPath: string,
  ): Promise<void> {
    const { rt } = route;
    const user = requestUser(req);
    const verb = this.verbOf(method, route, isWatch);
    if (
      !rt.verbs.includes(verb) &&
      !(route.subresource === 'status' && ['get', 'update', 'patch'].includes(verb))
    ) {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
        undefined,
        {
          group: rt.group,
          kind: rt.plural,
        },
      );
    }
    if (route.subresource && !(route.subresource === 'status' && rt.statusSubresource)) {
      // Any other subresource (e.g. datavolumes/source) exists only for RBAC checks.
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    this.checkAccess(user, verb, route);
    if (rt.namespaced && route.name === undefined && !route.namespace && method === 'POST') {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    const gv = rt.group ? `${rt.group}/${route.version}` : route.version;
    const table = wantsTable(req.headers.accept);

    if (verb === 'watch') return this.watchHttp(route, q, table, dropWatch, res, fullPath);
    if (verb === 'get') {
      const obj = this.sim.store.getRaw(rt.kind, route.name!, route.namespace);
      if (!obj) throw notFound(rt, route.name!);
      if (table)
        return send(
          res,
          200,
          JSON.stringify(
            toTable(rt, route.version, this.tableItems(rt, route.version, [obj]), this.sim.clock.now(), {}),
          ),
        );
      return send(res, 200, objectJson(obj, gv, this.toVersion(rt, route.version)));
    }
    if (verb === 'list') return this.list(route, q, table, res);

    const body = method === 'GET' ? undefined : decodeBody(await readBody(req), req.headers['content-type']);
    if (REVIEW_KINDS.has(rt.kind))
      return send(res, 201, JSON.stringify(answerReview(this.sim.store, rt, user, body, route.namespace)));
    if (forceConflict)
      throw conflict(rt, route.name ?? (body as K8sObject | undefined)?.metadata?.name ?? '');
    const wr: WriteRequest = {
      rt,
      version: route.version,
      namespace: route.namespace,
      name: route.name,
      subresource: route.subresource,
      user: user.name ?? ADMIN_USER,
      subject: user,
      dryRun: q.getAll('dryRun').includes('All'),
      fieldValidation: q.get('fieldValidation') ?? 'Warn',
    };
    const ops = this.sim.ops;
    let result;
    let code = 200;
    switch (verb) {
      case 'create':
        result = ops.create(wr, body);
        code = 201;
        break;
      case 'update':
        result = ops.update(wr, body);
        break;
      case 'patch': {
        const type = patchTypeOf(req.headers['content-type']);
        if (!type) {
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${rt.builtin ? ', application/strategic-merge-patch+json' : ''}`,
          );
        }
        result = ops.patch(wr, type, body);
        if (result.created) code = 201;
        break;
      }
      case 'delete':
        result = ops.delete(wr, body);
        break;
      default:
        return this.deleteCollection(wr, q, body, res);
    }
    const headers: Record<string, string[]> = {};
    if (result.warnings.length) headers.Warning = result.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    send(res, code, JSON.stringify(this.sim.convertObject(rt, result.object, route.version)), headers);
  }

  private deleteCollection(
    wr: WriteRequest,
    q: URLSearchParams,
    options: unknown,
    res: ServerResponse,
  ): void {
    const matcher = selectorMatcher(wr.rt.kind, q.get('labelSelector'), q.get('fieldSelector'));
    const items: K8sObject[] = [];
    for (const o of [...this.sim.store.listRaw(wr.rt.kind, wr.namespace)]) {
      if (matcher && !matcher(o)) continue;
      items.push(
        this.sim.convertObject(
          wr.rt,
          this.sim.ops.delete({ ...wr, name: o.metadata.name, namespace: o.metadata.namespace }, options)
            .object,
          wr.version,
        ),
      );
    }
    send(
      res,
      200,
      JSON.stringify({
        kind: wr.rt.listKind,
        apiVersion: wr.rt.group ? `${wr.rt.group}/${wr.version}` : wr.version,
        metadata: {},
        items,
      }),
    );
  }

  private list(route: ResourceRoute, q: URLSearchParams, table: boolean, res: ServerResponse): void {
    const { rt } = route;
    const gv = rt.group ? `${rt.group}/${route.version}` : route.version;
    const matcher = selectorMatcher(rt.kind, q.get('labelSelector'), q.get('fieldSelector'));
    let items = this.sim.store.listRaw(rt.kind, route.namespace);
    if (matcher) items = items.filter(matcher);
    const keyOf = (o: K8sObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const cont = q.get('continue');
    if (cont) {
      let after: string;
      try {
        after = JSON.parse(Buffer.from(cont, 'base64').toString('utf8')).start;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
      items = items.filter((o) => keyOf(o) > after);
    }
    const limit = Number(q.get('limit') ?? 0);
    const meta: Record<string, unknown> = { resourceVersion: String(this.sim.store.rv) };
    if (limit > 0 && items.length > limit) {
      const page = items.slice(0, limit);
      meta.continue = Buffer.from(
        JSON.stringify({ rv: this.sim.store.rv, start: keyOf(page[page.length - 1]) }),
      ).toString('base64');
      if (!matcher) meta.remainingItemCount = items.length - limit;
      items = page;
    }
    if (table)
      return send(
        res,
        200,
        JSON.stringify(
          toTable(rt, route.version, this.tableItems(rt, route.version, items), this.sim.clock.now(), meta),
        ),
      );
    const head = `{"kind":"${rt.listKind}","apiVersion":"${gv}","metadata":${JSON.stringify(meta)},"items":[`;
    const toVersion = this.toVersion(rt, route.version);
    send(res, 200, head + items.map((o) => listItemJson(o, gv, rt.builtin, toVersion)).join(',') + ']}');
  }

  private renderer(route: ResourceRoute, table: boolean): (o: K8sObject) => string {
    const gv = route.rt.group ? `${route.rt.group}/${route.version}` : route.version;
    const toVersion = this.toVersion(route.rt, route.version);
    if (!table) return (o) => objectJson(o, gv, toVersion);
    return (o) =>
      JSON.stringify(
        toTable(
          route.rt,
          route.version,
          this.tableItems(route.rt, route.version, [o]),
          this.sim.clock.now(),
          {
            resourceVersion: o.metadata.resourceVersion,
          },
        ),
      );
  }

  private watchHttp(
    route: ResourceRoute,
    q: URLSearchParams,
    table: boolean,
    drop: boolean,
    res: ServerResponse,
    path: string,
  ): void {
    const matcher = selectorMatcher(route.rt.kind, q.get('labelSelector'), q.get('fieldSelector'));
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    if (drop) return void res.end();
    let closed = false;
    const sink = {
      send: (line: string) => {
        if (!closed) res.write(`${line}\n`);
      },
      close: () => {
        if (!closed) {
          closed = true;
          res.end();
        }
      },
    };
    const stop = this.sim.hub.open(
      { rt: route.rt, namespace: route.namespace, matcher, path, render: this.renderer(route, table) },
      q.get('resourceVersion'),
      sink,
    );
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => sink.close(), timeout * 1000) : undefined;
    res.on('close', () => {
      closed = true;
      stop();
      if (timer) clearTimeout(timer);
    });
  }

  /** WebSocket watches (the console's way): same paths, `?watch=true`. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const reject = (code: number, body: string) => {
      socket.end(
        `HTTP/1.1 ${code} ${code === 403 ? 'Forbidden' : 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      let path = url.pathname;
      if (path.startsWith(`${CONSOLE_PREFIX}/`)) path = path.slice(CONSOLE_PREFIX.length);
      const q = url.searchParams;
      const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
      const route = this.parseRoute(segs);
      if (!route || route === 'nogroup' || route.name)
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      const fault = this.sim.faults.apply('GET', path + url.search, true);
      if (fault.status)
        throw new ApiError(
          fault.status.code,
          reasonForCode(fault.status.code),
          `injected fault: ${fault.status.code}`,
        );
      const user = requestUser(req);
      this.checkAccess(user, 'watch', route);
      const matcher = selectorMatcher(route.rt.kind, q.get('labelSelector'), q.get('fieldSelector'));
      const start = () =>
        this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          if (fault.dropWatch) return ws.close();
          const binary = ws.protocol === 'base64.binary.k8s.io';
          const sink = {
            send: (line: string) => {
              if (ws.readyState === ws.OPEN) ws.send(binary ? Buffer.from(line).toString('base64') : line);
            },
            close: () => ws.close(),
          };
          const stop = this.sim.hub.open(
            {
              rt: route.rt,
              namespace: route.namespace,
              matcher,
              path: path + url.search,
              render: this.renderer(route, false),
            },
            q.get('resourceVersion'),
            sink,
          );
          ws.on('close', stop);
          ws.on('error', stop);
        });
      if (fault.latencyMs) setTimeout(start, fault.latencyMs);
      else start();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', String(e));
      reject(err.code, JSON.stringify(statusBody(err)));
    }
  }
}
