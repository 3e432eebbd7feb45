import { parseArgs } from 'node:util';
import { startPluginServer } from './nginx-plugin-server';

/**
 * `npm run serve:plugin [-- --port 9443]`: serves dist/ with real nginx and deploy/nginx.conf over TLS (a
 * throw-away self-signed certificate), as the pod does; then `npm start -- --plugin-url ... --plugin-ca ...`
 * loads the plugin from it. Ctrl-C stops it.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '9443' } } });

startPluginServer({ port: Number(values.port) })
  .then((server) => {
    console.log(`Plugin server (nginx, deploy/nginx.conf) at ${server.url}`);
    console.log(
      `Load it in the dev console:\n  npm start -- --plugin-url ${server.url} --plugin-ca ${server.caFile}`,
    );
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
