import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Two builds from one config:
//  - default: the script-tag bundle dist/ozg-form.js, every dependency included, minified;
//  - `--mode npm`: ES modules for bundlers under dist/npm/, dependencies left as imports.
export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  return {
    define: {
      __OZG_VERSION__: JSON.stringify(pkg.version),
    },
    build: {
      target: 'es2021',
      outDir: npm ? 'dist/npm' : 'dist',
      emptyOutDir: true,
      minify: !npm,
      sourcemap: true,
      lib: {
        entry: (npm
          ? { index: 'src/index.ts', check: 'src/schemas/check.ts' }
          : { 'ozg-form': 'src/index.ts' }) as Record<string, string>,
        formats: ['es'],
      },
      rolldownOptions: npm
        ? { external: [/^lit/, /^@lit\//, /^@cfworker\//, /^ajv/, /^jose/, /^pdf-lib/] }
        : {
            // Lazy chunks (file questions, …) that use lit or the field templates import them from the
            // entry, instead of forcing a shared chunk that a plain form would have to fetch as well.
            preserveEntrySignatures: 'allow-extension',
            output: {
              // Vite keeps white space in ES library builds (build.minify only mangles there).
              minify: true,
              // Lazy chunks are named after the building block they carry (src/modules/<name>/…), so
              // the size check can tell what a plain form loads from what login, upload or payment load.
              chunkFileNames: (chunk: { facadeModuleId?: string | null; name: string }) => {
                const block = /\/src\/modules\/([\w-]+)\//.exec(chunk.facadeModuleId ?? '')?.[1];
                return `chunks/${block ?? chunk.name}-[hash].js`;
              },
            },
          },
    },
  };
});
