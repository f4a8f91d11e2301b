/** What one image and one article may take: a runaway page must not fill the user's disk. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
export const MAX_ARTICLE_IMAGE_BYTES = 200 * 1024 * 1024;
/** Images fetched at once for one article: a 40-image page ends near its slowest image. */
export const IMAGE_FETCH_PARALLELISM = 6;
/** An image that has not arrived by then is kept remote. */
export const IMAGE_FETCH_TIMEOUT_MS = 30_000;
