// Extracts every t('...') key from src/ and every %plugin__virt-storage-plugin~...% label from
// console-extensions.json into locales/en/plugin__virt-storage-plugin.json (keys are their own English text).
const { EventEmitter } = require('events');

/** Finds console-extensions.json labels: "%<namespace>~<key>%". Without it, extraction drops nav labels. */
class ConsoleExtensionsJsonLexer extends EventEmitter {
  extract(content) {
    const keys = [];
    const visit = (value) => {
      if (typeof value === 'string') {
        const match = /^%(.+~.+)%$/.exec(value);
        if (match) keys.push({ key: match[1] });
      } else if (Array.isArray(value)) {
        value.forEach(visit);
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach(visit);
      }
    };
    visit(JSON.parse(content));
    return keys;
  }
}

module.exports = {
  input: ['src/**/*.{ts,tsx}', '!src/**/*.test.{ts,tsx}', 'console-extensions.json'],
  output: 'locales/$LOCALE/$NAMESPACE.json',
  locales: ['en'],
  defaultNamespace: 'plugin__virt-storage-plugin',
  namespaceSeparator: '~',
  keySeparator: false,
  pluralSeparator: '_',
  contextSeparator: '_',
  createOldCatalogs: false,
  keepRemoved: false,
  sort: true,
  indentation: 2,
  defaultValue: (_locale, _namespace, key) => key,
  lexers: {
    // translatable('…') marks English text kept in pure logic (src/k8s/translatable.ts).
    ts: [{ lexer: 'JavascriptLexer', functions: ['t', 'translatable'] }],
    tsx: [{ lexer: 'JsxLexer', functions: ['t', 'translatable'] }],
    json: [ConsoleExtensionsJsonLexer],
    default: ['JavascriptLexer'],
  },
};
