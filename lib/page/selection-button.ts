/**
 * The small floating "Highlight" button shown by a selection on a web page. It lives in an open
 * shadow root so the page's CSS cannot restyle it, and carries `data-gleaner-ui` so anchoring
 * never counts its text as the page's.
 */

const BUTTON_STYLE = `
  :host { all: initial; }
  button {
    position: absolute; z-index: 2147483647; font: 600 13px/1 system-ui, sans-serif;
    padding: 6px 10px; border-radius: 6px; border: 1px solid #b4532a; background: #b4532a;
    color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25);
  }
  button:focus-visible { outline: 2px solid #222; outline-offset: 2px; }
`;

export interface SelectionButton {
  showAt(rect: DOMRect): void;
  hide(): void;
  destroy(): void;
}

export function createSelectionButton(
  doc: Document,
  label: string,
  onPress: () => void,
  /** The language of `label`, for screen readers on a page in another language. */
  lang = 'en',
): SelectionButton {
  const host = doc.createElement('gleaner-ui');
  host.setAttribute('data-gleaner-ui', '');
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = BUTTON_STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.lang = lang;
  button.setAttribute('data-testid', 'highlight-button');
  button.hidden = true;
  // mousedown would clear the page's selection before the click arrives.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => onPress());
  shadow.append(style, button);
  doc.documentElement.append(host);
  return {
    showAt(rect) {
      const view = doc.defaultView;
      const top = rect.bottom + (view?.scrollY ?? 0) + 6;
      const left = Math.max(4, rect.left + (view?.scrollX ?? 0));
      button.style.top = `${top}px`;
      button.style.left = `${left}px`;
      button.hidden = false;
    },
    hide() {
      button.hidden = true;
    },
    destroy() {
      host.remove();
    },
  };
}
