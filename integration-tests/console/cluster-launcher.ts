import path from 'node:path';
import { startCluster, type ClusterOptions, type RunningCluster } from '../cluster/server';

export type { ClusterOptions, RunningCluster };

export const repoRoot = path.resolve(__dirname, '../..');
export const DEMO_SEED = path.join(repoRoot, 'integration-tests/fixtures/demo');

/** Starts the cluster simulator in this process. */
export const launchCluster = (options: ClusterOptions): Promise<RunningCluster> => startCluster(options);
