// The browser every test, the weight report and the benchmark run: Debian's Chromium (Playwright's
// own browser download is not reachable from here), or the one named by $CHROMIUM.
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
