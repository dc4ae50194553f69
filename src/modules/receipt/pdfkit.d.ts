// The part of PDFKit's API (0.20) the tagged PDF writer uses. PDFKit ships no type declarations, and
// @types/pdfkit lags behind its structure (tagging) API.
declare module 'pdfkit' {
  export interface PDFStructureContent {
    readonly __content: true;
  }
  export interface PDFStructureElement {
    add(child: PDFStructureElement | PDFStructureContent): this;
    end(): void;
  }
  export interface PDFDocumentOptions {
    size?: [number, number] | string;
    margin?: number;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    tagged?: boolean;
    lang?: string;
    displayTitle?: boolean;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    compress?: boolean;
    font?: string | Uint8Array | null;
    info?: {
      Title?: string;
      Author?: string;
      Subject?: string;
      Keywords?: string;
      Creator?: string;
      Producer?: string;
      CreationDate?: Date;
      ModDate?: Date;
    };
  }
  export default class PDFDocument {
    constructor(options?: PDFDocumentOptions);
    registerFont(name: string, src: Uint8Array): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    text(text: string, x: number, y: number, options?: { lineBreak?: boolean }): this;
    widthOfString(text: string): number;
    link(x: number, y: number, w: number, h: number, url: string, options?: Record<string, unknown>): this;
    addPage(): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(n: number): this;
    struct(
      type: string,
      options?: { title?: string; lang?: string; alt?: string; scope?: string },
    ): PDFStructureElement;
    addStructure(element: PDFStructureElement): this;
    markContent(tag: string, options?: { type?: string }): this;
    markStructureContent(tag: string): PDFStructureContent;
    endMarkedContent(): this;
    on(event: 'data', listener: (chunk: Uint8Array) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    end(): void;
  }
}
