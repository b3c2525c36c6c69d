import { defineConfig } from '@playwright/test';
import { args, executablePath } from './chromium.mjs';

const port = 4173;
const contactServicePort = 4300; // also in fixtures.mjs

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // Tests inject faults with page.route, which cannot see requests a service worker answers;
    // offline.spec.mjs allows the worker for itself.
    serviceWorkers: 'block',
    launchOptions: { executablePath, args },
  },
  webServer: [
    {
      command: `node serve.mjs ../../dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
    },
    {
      // The real contact service (contact-harness.mjs builds it once, then starts it fresh).
      command: `node contact-harness.mjs ${contactServicePort}`,
      url: `http://127.0.0.1:${contactServicePort}/health`,
      reuseExistingServer: false,
      timeout: 600_000, // a first build of the service, when .ci/test has not built it already
    },
  ],
});
