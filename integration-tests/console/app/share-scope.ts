import React from 'react';
import * as ReactI18next from 'react-i18next';
import * as ReactRedux from 'react-redux';
import * as ReactRouter from 'react-router';
import * as Redux from 'redux';
import * as ReduxThunk from 'redux-thunk';
import * as sdkStandIn from '../sdk-standin';

/** Versions of the shared packages the host bundles, injected by build.ts from node_modules. */
declare const __SHARED_VERSIONS__: Record<string, string>;

/**
 * The webpack share scope `default` as console 4.22 fills it: singletons of React, react-i18next,
 * react-router (also under its deprecated aliases), redux and the SDK (here: our stand-in).
 * The format is webpack's: `scope[package][version] = {get, from, eager, loaded}` where `get` resolves to a
 * factory returning the module's exports.
 */
export type ShareScope = Record<
  string,
  Record<string, { get: () => Promise<() => unknown>; from: string; eager: boolean; loaded?: 1 }>
>;

/** ES module namespaces are marked so webpack's interop treats them as ESM (default = `.default`). */
const esm = (ns: object) => Object.assign({ __esModule: true }, ns);

const provided = (version: string, exports: unknown) => ({
  [version]: {
    get: () => Promise.resolve(() => exports),
    from: 'openshift-console',
    eager: true,
    loaded: 1 as const,
  },
});

export const createShareScope = (): ShareScope => {
  const v = __SHARED_VERSIONS__;
  const router = esm(ReactRouter);
  return {
    react: provided(v.react, React),
    'react-i18next': provided(v['react-i18next'], esm(ReactI18next)),
    'react-router': provided(v['react-router'], router),
    // Console 4.22 aliases the v5/v6 router packages to react-router 7.
    'react-router-dom': provided(v['react-router'], router),
    'react-router-dom-v5-compat': provided(v['react-router'], router),
    redux: provided(v.redux, esm(Redux)),
    'react-redux': provided(v['react-redux'], esm(ReactRedux)),
    'redux-thunk': provided(v['redux-thunk'], esm(ReduxThunk)),
    '@openshift-console/dynamic-plugin-sdk': provided(
      v['@openshift-console/dynamic-plugin-sdk'],
      esm(sdkStandIn),
    ),
  };
};
