/** XDatenfelder snippets for the FIM import tests, and the error an import that must fail throws. */
import { expect } from '@open-wc/testing';
import { FimImportError, importFim } from '../../src/schemas/fim/import.js';

export const field = (id: string, title: string, extra = '') =>
  `<xdf:datenfeld><xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>${title}</xdf:name><xdf:bezeichnungEingabe>${title}</xdf:bezeichnungEingabe>${extra}</xdf:datenfeld>`;
export const struktur = (anzahl: string, inner: string) =>
  `<xdf:struktur><xdf:anzahl>${anzahl}</xdf:anzahl><xdf:enthaelt>${inner}</xdf:enthaelt></xdf:struktur>`;
export const group = (id: string, title: string, body: string) =>
  `<xdf:datenfeldgruppe><xdf:identifikation><xdf:id>${id}</xdf:id></xdf:identifikation><xdf:name>${title}</xdf:name><xdf:bezeichnungEingabe>${title}</xdf:bezeichnungEingabe>${body}</xdf:datenfeldgruppe>`;
/** A small XDatenfelder 3.0 message around `body` (the struktur entries of the schema). */
export const v3 = (body: string) =>
  `<?xml version="1.0"?><xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"><xdf:stammdatenschema><xdf:identifikation><xdf:id>S00000000001</xdf:id><xdf:version>2.1.0</xdf:version></xdf:identifikation><xdf:name>Test</xdf:name>${body}</xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>`;

/** The error importFim throws for `xml`. */
export function failure(xml: string): FimImportError {
  try {
    importFim(xml);
  } catch (e) {
    expect(e).to.be.instanceOf(FimImportError);
    return e as FimImportError;
  }
  throw new Error('importFim did not fail');
}
