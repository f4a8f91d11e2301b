/** Clean-up on the cloned document before Readability reads it. */
import { chooseImageSource } from '../assets/image-source';

/** Lazy images keep their real URL in a data attribute until scrolled into view. */
function restoreLazyImages(doc: Document): void {
  for (const image of [...doc.getElementsByTagName('img')]) {
    const source = chooseImageSource(image);
    if (source && source !== image.getAttribute('src')) image.setAttribute('src', source);
  }
}

/** The reading copy, before Readability reads it (hidden parts and clutter were never copied). */
export function prepareDocument(doc: Document): void {
  restoreLazyImages(doc);
}
