// @web/test-runner serves ES modules; Ajv, ajv-formats (and its format table) and ajv-i18n are
// published as CommonJS only.
// This dev-server plugin bundles them once, together, into one ES module with esbuild (already the
// project's TypeScript compiler), so they share one copy of Ajv's internals as in the Vite build.
// @rollup/plugin-commonjs through @web/dev-server-rollup was tried first: it fails on Ajv's JSON
// requires and its `__esModule` default export.
// PDFKit's browser build is ES, but fontkit under it imports CommonJS packages (dfa, clone, brotli…):
// it gets a bundle of its own (/__cjs__/pdfkit.js), as Vite bundles it for the browser. So does
// axe-core (UMD; the audit panel's tests run it), /__cjs__/axe-core.js, and scslre (ownBundles).
import { build } from 'esbuild';

/** Import specifiers used by src/ -> the name they are exported under from the shared bundle. */
const entries = {
  ajv: 'Ajv',
  'ajv/dist/2020': 'Ajv2020',
  'ajv/dist/2020.js': 'Ajv2020',
  'ajv-formats': 'addFormats',
  'ajv-i18n/localize/de': 'localizeDe',
  'ajv-i18n/localize/de/index.js': 'localizeDe',
  'ajv-i18n/localize/en/index.js': 'localizeEn',
  'ajv-formats/dist/formats.js': 'ajvFormatTable',
};

/** Packages bundled on their own, each into /__cjs__/<name>.js: the module text and esbuild options. */
const ownBundles = {
  pdfkit: {
    contents: "export { default } from 'pdfkit';",
    alias: { 'brotli/decompress.js': './src/modules/receipt/no-brotli.ts' },
  },
  'axe-core': { contents: "export { default } from 'axe-core';" },
  // scslre (the checker's backtracking analysis) and refa under it are CommonJS.
  scslre: { contents: "export { analyse } from 'scslre';" },
};

export function cjsAsEsm() {
  let bundle;
  const built = new Map();
  const names = [...new Set(Object.values(entries))];
  const source = names
    .map((name) => {
      const from = Object.keys(entries).find((k) => entries[k] === name);
      // ajv-formats' format table is imported as a namespace (it has named exports, no default).
      return name === 'ajvFormatTable'
        ? `export * as ${name} from '${from}';`
        : `export { default as ${name} } from '${from}';`;
    })
    .join('\n');
  return {
    name: 'cjs-as-esm',
    resolveImport({ source: specifier }) {
      if (specifier in ownBundles) return `/__cjs__/${specifier}.js`;
      // pdf-lib's package entry (es/) imports CommonJS; its own ES bundle is self-contained.
      if (specifier === 'pdf-lib') return '/node_modules/pdf-lib/dist/pdf-lib.esm.js';
      if (specifier in entries) return `/__cjs__/${entries[specifier]}.js`;
      return undefined;
    },
    async serve(context) {
      const own = /^\/__cjs__\/([\w-]+)\.js$/.exec(context.path)?.[1];
      if (own && own in ownBundles) {
        const { contents, alias } = ownBundles[own];
        if (!built.has(own))
          built.set(
            own,
            build({
              stdin: { contents, resolveDir: process.cwd() },
              bundle: true,
              format: 'esm',
              platform: 'browser',
              ...(alias ? { alias } : {}),
              write: false,
              logLevel: 'silent',
            }).then((result) => result.outputFiles[0].text),
          );
        return { body: await built.get(own), type: 'js' };
      }
      if (context.path === '/__cjs__/bundle.js') {
        bundle ??= build({
          stdin: { contents: source, resolveDir: process.cwd() },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      const match = /^\/__cjs__\/(\w+)\.js$/.exec(context.path);
      if (match?.[1] === 'ajvFormatTable')
        return {
          body: `import { ajvFormatTable } from '/__cjs__/bundle.js';\nexport const { fullFormats } = ajvFormatTable;\n`,
          type: 'js',
        };
      if (match)
        return { body: `import { ${match[1]} } from '/__cjs__/bundle.js';\nexport default ${match[1]};\n`, type: 'js' };
      return undefined;
    },
  };
}
