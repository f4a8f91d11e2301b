import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { defineConfig } from 'vitest/config';

/** `npm run test:sites`: exports built by real Jekyll and Hugo (see tests/sites/). */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/sites/**/*.site.test.ts'],
    environment: 'node',
    setupFiles: ['lib/english-fallback.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
