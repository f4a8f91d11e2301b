import DOMPurify from 'dompurify';

/**
 * An SVG file without scripts, handlers, foreign objects or external references: it is shown in
 * extension pages and shipped to the user's site, where it may be opened on its own.
 */
export function sanitizeSvg(svg: string): string {
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'style', 'a'],
    WHOLE_DOCUMENT: false,
  }) as unknown as string;
}
