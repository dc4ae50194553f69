import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/browser-launch.mjs';

// End-to-end journeys against the real local server (started by the tests on a free port).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 2,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1280, height: 900 },
    locale: 'de-DE',
  },
});
