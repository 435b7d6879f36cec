import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/** The bare TipTap + Hocuspocus page of bench:browser (bench/bare-page/main.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/bench-bare-page', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
  },
})
