/**
 * scslre for the playground (vite.config.ts points the playground build's `scslre` here). Its analysis
 * of patterns that backtrack (src/schemas/pattern-problems.ts) brings refa's Unicode tables, about
 * 230 KB gzip: more than half the playground again. So it comes as a chunk of its own after the page:
 * until it has arrived, no pattern has a report; `analysisLoaded` settles when it has (or could not
 * be loaded), and the playground checks again.
 */
import type { analyse as Analyse } from 'scslre';

let loaded: typeof Analyse | undefined;

export const analysisLoaded: Promise<boolean> = import('scslre/index.js').then(
  (m) => {
    loaded = m.analyse;
    return true;
  },
  () => false,
);

export const analyse = ((literal, options) => (loaded ? loaded(literal, options) : { reports: [] })) as typeof Analyse;
