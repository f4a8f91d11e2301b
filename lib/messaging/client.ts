import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type {
  PageRequestOf,
  PageRequestType,
  PageResponse,
  RequestOf,
  RequestType,
  Response,
} from './protocol';

/** Sends one typed request to the background and returns its typed answer. */
export async function sendRequest<T extends RequestType>(
  request: RequestOf<T>,
): Promise<Response<T>> {
  try {
    const response = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
    if (response) return response;
  } catch (error) {
    // The worker was stopped or restarted mid-request: the request may not have run at all.
    console.warn('Gleaner: no answer from the background', error);
  }
  return {
    ok: false,
    error: {
      code: 'no-response',
      message: t('error_background_stopped'),
    },
  } as Response<T>;
}

/** Sends one typed request from a content script (only `page:*` requests are accepted there). */
export async function sendPageRequest<T extends PageRequestType>(
  request: PageRequestOf<T>,
): Promise<PageResponse<T>> {
  try {
    const response = (await browser.runtime.sendMessage(request)) as PageResponse<T> | undefined;
    if (response) return response;
    return {
      ok: false,
      error: { code: 'no-response', message: t('error_no_response') },
    } as PageResponse<T>;
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'no-response',
        message: error instanceof Error ? error.message : String(error),
      },
    } as PageResponse<T>;
  }
}
