// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Maven passes the module's output folder (it may be target-x with -DtargetName); a bare
// `npm run build` writes where the server looks on the classpath: target/classes/web.
const outDir = process.env.SCANBASE_WEB_OUT ?? resolve(__dirname, '../../../target/classes/web');

export default defineConfig({
  root: __dirname,
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5151' },
  },
});
