import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // dist/ (what bin/briefdeck.js runs) is compiled once, before any test file starts.
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests start Chromium; on a 2-core machine a few files at once is plenty.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
