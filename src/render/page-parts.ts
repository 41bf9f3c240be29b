/**
 * A page of convflux's (html.ts `htmlPage`) cut into what stays from one document to the next —
 * its head: fonts inlined as data: URLs and stylesheets — and what changes: the title, the body's
 * attributes and its content. A browser page that already holds the same head only has the
 * body swapped (chromium.ts): the fonts are not decoded again, the stylesheets not parsed again.
 */
export interface PageParts {
  /** Everything before `<body`, the title's text left out: equal heads give equal pages. */
  head: string;
  /** The title's source text (entities unresolved). */
  title: string;
  /** The source of the body start tag's attributes (` class="projet"`, or empty). */
  bodyAttributes: string;
  /** Everything after the body start tag, to the end of the page (end tags included). */
  body: string;
}

/**
 * The parts of a page, or undefined when it is not of the expected form (one `<title>` and one
 * `<body>` start tag after `</head>`): such a page is always loaded whole.
 */
export function pageParts(html: string): PageParts | undefined {
  const headEnd = html.indexOf('</head>');
  const titleStart = html.indexOf('<title>');
  const titleEnd = html.indexOf('</title>');
  if (headEnd === -1 || titleStart === -1 || titleEnd < titleStart || titleEnd > headEnd)
    return undefined;
  const bodyStart = html.indexOf('<body', headEnd);
  const tagEnd = html.indexOf('>', bodyStart);
  if (bodyStart === -1 || tagEnd === -1) return undefined;
  const bodyAttributes = html.slice(bodyStart + '<body'.length, tagEnd);
  if (bodyAttributes !== '' && !/^\s/.test(bodyAttributes)) return undefined;
  return {
    head: html.slice(0, titleStart + '<title>'.length) + html.slice(titleEnd, bodyStart),
    title: html.slice(titleStart + '<title>'.length, titleEnd),
    bodyAttributes,
    body: html.slice(tagEnd + 1),
  };
}
