import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stripAnnotations } from './scripts/strip-annotations.mjs';
import { BROWSER_FORMATS, keepFormats } from './scripts/keep-formats.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Three builds from one config:
//  - default: the script-tag bundle dist/ozg-form.js, every dependency included, minified;
//  - `--mode npm`: ES modules for bundlers under dist/npm/, dependencies left as imports;
//  - `--mode playground`: the schema playground (demo/playground.html) as its own bundle under
//    dist/playground/ (CodeMirror, the author check). It shares nothing with dist/ozg-form.js: the page
//    loads the widget bundle itself, so the widget and its chunks stay byte for byte the same.
const playground = defineConfig({
  resolve: {
    // The checker's analysis of backtracking patterns arrives after the page (scslre-later.ts).
    alias: [
      { find: /^scslre$/, replacement: fileURLToPath(new URL('./demo/playground/scslre-later.ts', import.meta.url)) },
    ],
  },
  build: {
    target: 'es2021',
    outDir: 'dist/playground',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: { playground: 'demo/playground/main.ts' }, formats: ['es'] },
    rolldownOptions: { output: { minify: true, chunkFileNames: 'playground-[name]-[hash].js' } },
  },
});

export default defineConfig(({ mode }) => {
  if (mode === 'playground') return playground;
  const npm = mode === 'npm';
  return {
    define: {
      __OZG_VERSION__: JSON.stringify(pkg.version),
    },
    plugins: [
      // The script-tag bundle: the HTML and CSS inside Lit's html`` and css`` templates lose their
      // indentation and comments (about 0.9 KB gzip of the entry). The ESM build for bundlers stays
      // readable; their own minifier decides.
      ...(npm ? [] : [minifyHtmlLiterals({ failOnError: true })]),
      {
        // interpret.ts replaces @cfworker/json-schema's formats with those the server uses: leave
        // cfworker's own out of the bundle (see src/schemas/no-cfworker-formats.ts).
        name: 'ozg-no-cfworker-formats',
        enforce: 'pre' as const,
        resolveId(source: string, importer?: string) {
          if (source === './format.js' && importer?.replace(/\\/g, '/').includes('/@cfworker/json-schema/'))
            return fileURLToPath(new URL('./src/schemas/no-cfworker-formats.ts', import.meta.url));
          return null;
        },
      },
      {
        // The validators' chunk takes two CommonJS files: ajv-formats' formats (the server's) and
        // ajv-i18n's messages. As CommonJS they came with a runtime chunk of their own (module wrapper
        // and interop helpers, about 0.5 KB gzip for every form). The formats are taken from the
        // package's ES source (src/formats.ts, shipped beside dist/), and each message file, one
        // `module.exports = function …` and nothing else, becomes `export default function …`. A
        // message file of another shape stops the build instead of being passed on half converted.
        name: 'ozg-esm-validators',
        enforce: 'pre' as const,
        resolveId(source: string) {
          if (npm || source !== 'ajv-formats/dist/formats.js') return null;
          return fileURLToPath(new URL('./node_modules/ajv-formats/src/formats.ts', import.meta.url));
        },
        transform(code: string, id: string) {
          if (npm || !/[\\/]ajv-i18n[\\/]localize[\\/]\w+[\\/]index\.js$/.test(id.split('?')[0])) return null;
          const esm = code.replace(/^"use strict"\s+module\.exports = (function localize_\w+\()/, 'export default $1');
          if (esm === code || /\b(?:module|exports|require)\b/.test(esm))
            throw new Error(`ozg-esm-validators: ${id} is no longer one "module.exports = function"`);
          return { code: esm, map: null };
        },
      },
      {
        // The validators' chunk takes ajv-formats' `fullFormats` table (the same functions as the
        // server's Ajv), but a definition may use only FORMAT_NAMES (interpret.ts; the checker and the
        // form refuse others) and the FIT-Connect metadata adds uuid. The other entries (uri-reference,
        // url, ipv6, uri-template, …: about 1.4 KB gzip) are left out of the table, so the minifier drops
        // their regular expressions. A format named here that the table no longer has stops the build.
        name: 'ozg-browser-formats-only',
        enforce: 'post' as const,
        transform(code: string, id: string) {
          if (npm || !/[\\/]ajv-formats[\\/]src[\\/]formats\.ts$/.test(id.split('?')[0])) return null;
          return { code: keepFormats(code, this.parse(code), BROWSER_FORMATS), map: null };
        },
      },
      {
        // The browser's definition checker validates x-ozg against x-ozg.meta.json; the bundle needs
        // its rules, not the descriptions written for editors (about 2.3 KB).
        name: 'ozg-meta-schema-rules-only',
        enforce: 'pre' as const,
        transform(code: string, id: string) {
          if (npm || !id.split('?')[0].endsWith('/x-ozg.meta.json')) return null;
          return { code: JSON.stringify(stripAnnotations(JSON.parse(code))), map: null };
        },
      },
    ],
    // fontkit (under PDFKit) needs Brotli only for WOFF2 fonts; the receipt embeds TrueType.
    resolve: {
      alias: { 'brotli/decompress.js': fileURLToPath(new URL('./src/modules/receipt/no-brotli.ts', import.meta.url)) },
    },
    build: {
      target: 'es2021',
      outDir: npm ? 'dist/npm' : 'dist',
      emptyOutDir: true,
      minify: !npm,
      sourcemap: true,
      lib: {
        entry: (npm
          ? {
              index: 'src/index.ts',
              check: 'src/schemas/check/index.ts',
              rules: 'src/rules.ts',
              pdf: 'src/pdf.ts',
              'import-fim': 'src/schemas/fim/import.ts',
              audit: 'src/modules/audit/index.ts',
              'audit-page': 'src/components/audit/host-snapshot.ts',
            }
          : { 'ozg-form': 'src/index.ts' }) as Record<string, string>,
        formats: ['es'],
      },
      rolldownOptions: npm
        ? {
            external: [
              /^lit/,
              /^@lit\//,
              /^@cfworker\//,
              /^ajv/,
              /^jose/,
              /^pdfkit/,
              /^fast-xml-parser/,
              /^fastest-levenshtein/,
              /^re2js/,
              /^scslre/,
            ],
          }
        : {
            // Lazy chunks (file questions, …) that use lit or the field templates import them from the
            // entry, instead of forcing a shared chunk that a plain form would have to fetch as well.
            preserveEntrySignatures: 'allow-extension',
            output: {
              // Vite keeps white space in ES library builds (build.minify only mangles there).
              minify: true,
              // This bundle is for script tags (bundlers take the npm build, dist/npm/, which keeps them):
              // its `@__PURE__` marks (65 in the code to fill and validate a form, about 130 B gzip) are
              // left out. Legal comments stay.
              comments: { annotation: false },
              // Lazy chunks are named after the building block they carry (src/modules/<name>/…), so
              // the size check can tell what a plain form loads from what login, upload or payment load.
              // The validators come as one chunk: the interpreter (with cfworker and the formats) and the
              // messages and checks loaded beside it. Compressed together they are about 1 KB smaller
              // than as two files, and a form always needs both; the sending code, which uses the
              // interpreter too, only ever runs after them. validation.ts itself stays out of the group:
              // the form imports it as a 0.1 KB file that re-exports from the chunk. Inside the group it
              // needed a namespace object built by rolldown's runtime chunk (0.4 KB gzip more), which
              // the chunk imported in the same way, so the browser waits for two files in a row either
              // way.
              codeSplitting: {
                groups: [
                  {
                    name: 'validation',
                    includeDependenciesRecursively: false,
                    test: /[\\/](?:@cfworker[\\/]json-schema|ajv-i18n|ajv-formats)[\\/]|[\\/]src[\\/]schemas[\\/](?:interpret|formats|no-cfworker-formats|messages|date-rules|validator|check-nodes|check-steps|check-x-ozg|check-rules|check-browser)\.ts$|[\\/]x-ozg\.meta\.json$/,
                  },
                ],
              },
              chunkFileNames: (chunk: { facadeModuleId?: string | null; name: string }) => {
                const block = /\/src\/modules\/([\w-]+)\//.exec(chunk.facadeModuleId ?? '')?.[1];
                return `chunks/${block ?? chunk.name}-[hash].js`;
              },
            },
          },
    },
  };
});
