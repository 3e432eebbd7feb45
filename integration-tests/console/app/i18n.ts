import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * i18next configured as the console configures it (public/i18n.js): `~` separates namespace and key,
 * keys are plain strings, English fallback. Plugin namespaces are loaded from the plugin's locales,
 * which the host server serves like the console's `/locales/resource.json`.
 */
export const initI18n = async (namespaces: string[]) => {
  const resources: Record<string, Record<string, string>> = {};
  await Promise.all(
    namespaces.map(async (ns) => {
      const r = await fetch(`/locales/resource.json?lng=en&ns=${encodeURIComponent(ns)}`);
      resources[ns] = r.ok ? await r.json() : {};
    }),
  );
  await i18next.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    ns: ['public', ...namespaces],
    defaultNS: 'public',
    nsSeparator: '~',
    keySeparator: false,
    contextSeparator: '~',
    interpolation: { escapeValue: false },
    resources: { en: resources },
    react: { useSuspense: true },
  });
  return i18next;
};

/** Extension labels are `%namespace~Key%`; anything else is shown as written. */
export const translateLabel = (label: unknown): string => {
  const text = String(label ?? '');
  const m = /^%(.+)%$/.exec(text);
  return m ? i18next.t(m[1]) : text;
};
