import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router';
import { legacy_createStore as createStore } from 'redux';
import { applyDocumentTitle } from '../sdk-standin/document-title';
import { startTimestampTicks } from '../sdk-standin/timestamp';
import { ConsoleShell } from './ConsoleShell';
import { startFeatureFlags } from './host-flags';
import { initI18n } from './i18n';
import { type LoadedExtension, loadPlugin } from './plugin-loader';
import { applyTheme, getTheme } from './preferences';
import { createShareScope } from './share-scope';

const PLUGIN_NAME = 'virt-storage-plugin';

declare global {
  interface Window {
    SERVER_FLAGS: Record<string, unknown>;
  }
}

const boot = async () => {
  applyTheme(getTheme());
  window.SERVER_FLAGS = {
    basePath: '/',
    branding: 'okd',
    consolePlugins: [PLUGIN_NAME],
    i18nNamespaces: [`plugin__${PLUGIN_NAME}`],
  };
  applyDocumentTitle(); // the console's Helmet defaultTitle: the product name
  startTimestampTicks(); // the console's 10 s timer for every <Timestamp>
  const plugin = loadPlugin(PLUGIN_NAME, createShareScope()).then(
    (extensions) => ({ extensions, loadError: undefined }),
    (e: unknown) => {
      console.error(e);
      return { extensions: [] as LoadedExtension[], loadError: e instanceof Error ? e.message : String(e) };
    },
  );
  // API discovery runs alongside the plugin load; flags from `console.flag/model` settle before rendering.
  const [, loaded] = await Promise.all([
    initI18n([`plugin__${PLUGIN_NAME}`]),
    plugin,
    startFeatureFlags(plugin.then((p) => p.extensions)),
  ]);
  const { extensions, loadError } = loaded;
  // The console renders plugins inside its redux Provider; the SDK stand-in does not need the store.
  const store = createStore((state: Record<string, unknown> = {}) => state);
  createRoot(document.getElementById('app')!).render(
    <Provider store={store}>
      <BrowserRouter>
        <ConsoleShell extensions={extensions} loadError={loadError} />
      </BrowserRouter>
    </Provider>,
  );
};

boot();
