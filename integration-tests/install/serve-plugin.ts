import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_PLUGIN_CA, startPluginServer } from './nginx-plugin-server';

/**
 * `npm run serve:plugin [-- --port 9443]`: serves dist/ with real nginx and deploy/nginx.conf over TLS (a
 * throw-away self-signed certificate), as the pod does; then `npm start -- --plugin-url https://localhost:9443`
 * loads the plugin from it (the certificate is left in .cache/ for npm start to trust). Ctrl-C stops it.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '9443' } } });

startPluginServer({ port: Number(values.port) })
  .then((server) => {
    fs.mkdirSync(path.dirname(DEV_PLUGIN_CA), { recursive: true });
    fs.writeFileSync(DEV_PLUGIN_CA, server.ca);
    console.log(`Plugin server (nginx, deploy/nginx.conf) at ${server.url}`);
    console.log(`Load it in the dev console:\n  npm start -- --plugin-url ${server.url}`);
    const stop = () =>
      void server.close().then(() => {
        fs.rmSync(DEV_PLUGIN_CA, { force: true });
        process.exit(0);
      });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
