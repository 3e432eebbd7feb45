import path from 'node:path';
import { startCluster } from './server';

/**
 * npm run cluster -- --port 8001 --seed DIR [--seed DIR2] [--crds DIR] [--generate storageclasses=2000,...]
 * [--time-scale 60] [--hco-version v1beta1|v1]
 */
function parseArgs(argv: string[]) {
  const out: {
    port: number;
    seeds: string[];
    crds?: string;
    generate?: Record<string, number>;
    timeScale?: number;
    host?: string;
    hcoVersion?: 'v1beta1' | 'v1';
  } = { port: 8001, seeds: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') out.port = Number(next());
    else if (a === '--host') out.host = next();
    else if (a === '--seed') out.seeds.push(path.resolve(next()));
    else if (a === '--crds') out.crds = path.resolve(next());
    else if (a === '--time-scale') out.timeScale = Number(next());
    else if (a === '--hco-version') {
      const v = next();
      if (v !== 'v1beta1' && v !== 'v1') throw new Error(`--hco-version expects v1beta1 or v1, got "${v}"`);
      out.hcoVersion = v;
    } else if (a === '--generate') {
      out.generate = Object.fromEntries(
        next()
          .split(',')
          .map((kv) => {
            const [k, v] = kv.split('=');
            if (!k || !Number.isInteger(Number(v)))
              throw new Error(`--generate expects kind=count[,kind=count], got "${kv}"`);
            return [k.trim(), Number(v)];
          }),
      );
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0) throw new Error('--port must be a number');
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cluster = await startCluster({
    port: args.port,
    host: args.host,
    seeds: args.seeds,
    crdsDir: args.crds,
    generate: args.generate,
    timeScale: args.timeScale,
    hcoVersion: args.hcoVersion,
  });
  for (const w of cluster.sim.seedWarnings) console.warn(`[sim] seed warning: ${w}`);
  console.log(`cluster ready at http://127.0.0.1:${cluster.port}`);
  const stop = () => {
    void cluster.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(`cluster failed to start: ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});
