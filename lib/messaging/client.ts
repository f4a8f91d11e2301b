import { browser } from 'wxt/browser';
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
    return {
      ok: false,
      error: { code: 'no-response', message: 'Gleaner’s background did not answer. Try again.' },
    } as Response<T>;
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'no-response',
        message: `Gleaner’s background is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      },
    } as Response<T>;
  }
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
      error: { code: 'no-response', message: 'Gleaner did not answer.' },
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
