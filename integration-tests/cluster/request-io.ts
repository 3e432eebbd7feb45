import type { IncomingMessage, ServerResponse } from 'node:http';
import * as yaml from 'js-yaml';
import { ApiError } from './sim-api';
import { badRequest, statusBody } from './errors';
import { decodeProtobuf, isProtobuf } from './protobuf';
import { userInfo, type UserInfo } from './rbac';

export function send(
  res: ServerResponse,
  code: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(body);
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof ApiError) {
    send(res, err.code, JSON.stringify(statusBody(err)));
    return;
  }
  console.error('[sim] internal error:', err);
  const e = new ApiError(
    500,
    'InternalError',
    `Internal error occurred: ${(err as Error)?.message ?? String(err)}`,
  );
  send(res, 500, JSON.stringify(statusBody(e)));
}

export function notFoundPage(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('404 page not found\n');
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function decodeBody(buf: Buffer, contentType: string | undefined): unknown {
  if (isProtobuf(contentType)) return decodeProtobuf(buf);
  const text = buf.toString('utf8');
  if (!text.trim()) return undefined;
  const ct = (contentType ?? '').toLowerCase();
  try {
    if (ct.includes('yaml')) return yaml.load(text);
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

/** The user a request runs as: Impersonate-User/-Group headers (or the console's WebSocket subprotocols). */
export function requestUser(req: IncomingMessage): UserInfo {
  let name = req.headers['impersonate-user'] as string | undefined;
  const groups: string[] = [];
  const hg = req.headers['impersonate-group'];
  if (hg) groups.push(...(Array.isArray(hg) ? hg : hg.split(',')).map((g) => g.trim()));
  const cg = req.headers['x-console-impersonate-groups'];
  if (typeof cg === 'string')
    groups.push(
      ...cg
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
    );
  const protocols =
    (req.headers['sec-websocket-protocol'] as string | undefined)?.split(',').map((p) => p.trim()) ?? [];
  for (const p of protocols) {
    const m = /^Impersonate-(User|Group)\.(.+)$/.exec(p);
    if (!m) continue;
    const v = Buffer.from(m[2], 'base64url').toString('utf8');
    if (m[1] === 'User') name = v;
    else groups.push(v);
  }
  return userInfo(name || undefined, groups);
}
