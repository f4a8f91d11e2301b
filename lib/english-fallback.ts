/**
 * Imported for its effect by code that runs lib/ outside the browser (unit tests, Node scripts):
 * `t()` then answers in English there, as the browser would.
 */
import english from '../public/_locales/en/messages.json';
import { setFallbackMessages } from './i18n';

setFallbackMessages(english);
