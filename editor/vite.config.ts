import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/editor', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // ACCORD_EDITOR_UNMINIFIED=1 keeps function names readable in a profile (bench:browser's BROWSER_PROFILE).
    minify: process.env.ACCORD_EDITOR_UNMINIFIED !== '1',
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
})
