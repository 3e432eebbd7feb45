/**
 * How our browser tests and benchmarks start Chromium: Debian's build (Playwright cannot download its own
 * here), without the background services that would try to reach the network.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
