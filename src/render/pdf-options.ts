/**
 * The options of every `page.pdf` convflux runs (A4, header and footer, tagged, with an outline),
 * in a module of its own so that the render benchmark's bare puppeteer-core print (the floor,
 * src/bench/bare-print.ts) uses exactly the same ones without loading the renderer.
 */
import type { PDFOptions } from 'puppeteer-core';

export function pdfOptions(header: string, footer: string): PDFOptions {
  return {
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: header,
    footerTemplate: footer,
    margin: { top: '22mm', bottom: '24mm', left: '22mm', right: '22mm' },
    preferCSSPageSize: false,
    tagged: true,
    outline: true,
    timeout: 60_000,
  };
}
