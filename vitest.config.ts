import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: [
      {
        extends: true,
        // WXT's fake browser (its plugin's setup file is not inherited by projects).
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', setupFiles: ['virtual:wxt-setup'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Polls wait on state; the ceiling is for a slow, busy machine, not a fast one.
          expect: { poll: { timeout: 60_000, interval: 100 } },
        },
      },
    ],
  },
});
