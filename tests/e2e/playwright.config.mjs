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
      // A short cooldown so the resend test need not wait half a minute.
      command: `COOLDOWN=3 node contact-service.mjs ${contactServicePort}`,
      url: `http://127.0.0.1:${contactServicePort}/_test/messages`,
      reuseExistingServer: false,
    },
  ],
});
