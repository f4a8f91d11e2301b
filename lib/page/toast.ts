/**
 * A short message on the web page after an action that has no popup (keyboard shortcut, context
 * menu): "Saved to Gleaner", or why not. Injected with `scripting.executeScript({ func: showToast })`,
 * so it must be self-contained: no imports, no outer variables, only its arguments.
 *
 * It sits in a shadow root (the page's CSS cannot restyle it), carries `data-gleaner-ui` (anchoring
 * never reads it as the page's text) and is a `role=status` live region (`alert` for errors), so
 * screen readers announce it. It leaves by itself, or at once on Escape.
 */
export function showToast(message: string, tone: 'success' | 'error', lang: string): void {
  const HOST_ID = 'gleaner-toast';
  document.getElementById(HOST_ID)?.remove();
  const host = document.createElement('gleaner-toast');
  host.id = HOST_ID;
  host.setAttribute('data-gleaner-ui', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    div {
      position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: 360px;
      font: 500 14px/1.4 system-ui, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
      padding: 10px 14px; border-radius: 8px; color: #fff; background: #1f5e2e;
      box-shadow: 0 4px 16px rgba(0,0,0,.3);
    }
    div.error { background: #8f2d1b; }
  `;
  const box = document.createElement('div');
  box.setAttribute('role', tone === 'error' ? 'alert' : 'status');
  box.setAttribute('lang', lang);
  box.setAttribute('data-testid', 'gleaner-toast');
  box.className = tone;
  shadow.append(style, box);
  document.documentElement.append(host);
  // Filled after insertion so live regions announce it.
  setTimeout(() => (box.textContent = message), 50);
  const remove = () => {
    host.remove();
    document.removeEventListener('keydown', onKey, true);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') remove();
  };
  document.addEventListener('keydown', onKey, true);
  setTimeout(remove, tone === 'error' ? 8000 : 4000);
}
