import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useLayoutEffect, useState } from 'react';

/**
 * `DocumentTitle` as console 4.22 does it: the component renders a react-helmet-async `<title>`
 * (console-shared/src/components/document-title/DocumentTitle.tsx) and the app root sets
 * `<Helmet titleTemplate="%s · <product>" defaultTitle="<product>">` (frontend/public/components/app.tsx).
 * So the page title is "<title> · OKD" (or "· Red Hat OpenShift" etc. by branding,
 * frontend/public/components/utils/branding.ts), the most recently mounted title wins, and with none
 * mounted the title is the product name alone.
 */

/** `getBrandingDetails().productName` from `SERVER_FLAGS.branding` / `customProductName`. */
export const productName = (): string => {
  const flags =
    (typeof window !== 'undefined' && (window as { SERVER_FLAGS?: Record<string, unknown> }).SERVER_FLAGS) ||
    {};
  if (flags.customProductName) {
    return String(flags.customProductName);
  }
  switch (flags.branding) {
    case 'openshift':
    case 'ocp':
      return 'Red Hat OpenShift';
    case 'online':
      return 'Red Hat OpenShift Online';
    case 'dedicated':
      return 'Red Hat OpenShift Dedicated';
    case 'azure':
      return 'Azure Red Hat OpenShift';
    case 'rosa':
      return 'Red Hat OpenShift Service on AWS';
    default:
      return 'OKD';
  }
};

/** Mounted titles by render order (as Helmet orders its instances: a later title beats an earlier one). */
const mounted = new Map<number, string>();
let renders = 0;

export const applyDocumentTitle = () => {
  const last = Math.max(-1, ...mounted.keys());
  document.title = last >= 0 ? `${mounted.get(last)} · ${productName()}` : productName();
};

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => {
  const [order] = useState(() => renders++);
  useLayoutEffect(() => {
    mounted.set(order, String(children));
    applyDocumentTitle();
  }, [order, children]);
  useLayoutEffect(
    () => () => {
      mounted.delete(order);
      applyDocumentTitle();
    },
    [order],
  );
  return null;
};
