import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './sim-api';
import { badRequest } from './errors';
import type { FaultRule } from './faults';
import type { Sim } from './sim';
import { decodeBody, readBody, send } from './request-io';

/** The /_sim/ control endpoints (see README.md). */
export async function handleSimControl(
  sim: Sim,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body =
    method === 'POST'
      ? (decodeBody(await readBody(req), 'application/json') as Record<string, unknown> | undefined)
      : undefined;
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /_sim/health':
      return send(
        res,
        200,
        JSON.stringify({
          ok: true,
          resourceVersion: String(sim.store.rv),
          objects: sim.store.count(),
          watches: sim.hub.count(),
          now: sim.clock.now().toISOString(),
          simulatedSeconds: sim.clock.simulatedMs() / 1000,
        }),
      );
    case 'POST /_sim/advance': {
      const seconds = Number(body?.seconds);
      if (!Number.isFinite(seconds) || seconds < 0)
        throw badRequest('advance needs {"seconds": <non-negative number>}');
      sim.advance(seconds);
      return send(
        res,
        200,
        JSON.stringify({
          now: sim.clock.now().toISOString(),
          simulatedSeconds: sim.clock.simulatedMs() / 1000,
        }),
      );
    }
    case 'POST /_sim/publish-digest': {
      const url = body?.url;
      if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url))
        throw badRequest(
          'publish-digest needs {"url": "<source url, e.g. docker://quay.io/containerdisks/fedora:latest>"}',
        );
      const digest = sim.publishDigest(url);
      return send(res, 200, JSON.stringify({ url, digest }));
    }
    case 'POST /_sim/complete-upload': {
      const { namespace, name } = body ?? {};
      if (typeof namespace !== 'string' || !namespace || typeof name !== 'string' || !name)
        throw badRequest('complete-upload needs {"namespace": "<namespace>", "name": "<upload DataVolume>"}');
      const dv = sim.completeUpload(namespace, name);
      return send(
        res,
        200,
        JSON.stringify({ namespace, name, phase: dv?.status?.phase, progress: dv?.status?.progress }),
      );
    }
    case 'POST /_sim/reset':
      sim.reset();
      return send(res, 200, JSON.stringify({ ok: true, resourceVersion: String(sim.store.rv) }));
    case 'GET /_sim/faults':
      return send(res, 200, JSON.stringify({ faults: sim.faults.list() }));
    case 'POST /_sim/faults': {
      const rule = sim.faults.add(body as unknown as FaultRule);
      if (rule.dropWatches && sim.hub.closeMatching(rule.re) > 0) sim.faults.consume(rule.id);
      return send(res, 201, JSON.stringify({ id: rule.id }));
    }
    case 'DELETE /_sim/faults':
      sim.faults.clear();
      return send(res, 200, JSON.stringify({ ok: true }));
  }
  throw new ApiError(404, 'NotFound', `no simulator control endpoint ${key}`);
}
