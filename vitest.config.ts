// Host and in-process WebAssembly tests. Integration suites (QEMU, MQTT, browser) live under
// tests/integration and run in the same command; see README "Tests".
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
