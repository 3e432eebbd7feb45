import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'integration-tests/cluster/**/*.test.ts',
      'integration-tests/console/**/*.test.ts',
      'integration-tests/install/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30000,
    hookTimeout: 60000,
    // PatternFly's CommonJS build require()s CSS: point at its ESM build and let Vite process (and stub) the
    // CSS imports, so components can be rendered with react-dom/server in unit tests.
    alias: [
      { find: /^@patternfly\/(react-core|react-table)$/, replacement: '@patternfly/$1/dist/esm/index.js' },
    ],
    server: { deps: { inline: [/@patternfly\/react-(core|table|styles)\//] } },
  },
});
