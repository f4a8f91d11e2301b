// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { mountRootPerTest } from '../support/mount-root';
import PublishTargetEditor, {
  type PublishTargetEditorProps,
} from '@/components/options/PublishTargetEditor';
import { EMPTY_GIT_TARGET } from '@/lib/publish/git-target';

const mountRoot = mountRootPerTest();

function props(overrides: Partial<PublishTargetEditorProps> = {}): PublishTargetEditorProps {
  return {
    kind: 'downloads',
    git: EMPTY_GIT_TARGET,
    tokenSaved: false,
    publishOnSave: false,
    status: null,
    onKind: vi.fn(),
    onGit: vi.fn(),
    onToken: vi.fn(),
    onTest: vi.fn(),
    onPublishOnSave: vi.fn(),
    folder: { supported: true, name: null, access: false, status: null },
    onPickFolder: vi.fn(),
    onGrantFolder: vi.fn(),
    ...overrides,
  };
}

const byTestId = (id: string) => mountRoot().querySelector<HTMLElement>(`[data-testid="${id}"]`);
const folderOption = () =>
  mountRoot().querySelector<HTMLOptionElement>(
    '[data-testid="target-select"] option[value="folder"]',
  );

describe('the folder target in the options', () => {
  it('offers the three targets by their values', () => {
    act(() => render(<PublishTargetEditor {...props()} />, mountRoot()));
    const values = [...mountRoot().querySelectorAll('[data-testid="target-select"] option')].map(
      (option) => (option as HTMLOptionElement).value,
    );
    expect(values).toEqual(['downloads', 'git', 'folder']);
  });

  it('without a folder picker (Firefox): disabled, with a line saying why', () => {
    act(() =>
      render(
        <PublishTargetEditor
          {...props({ folder: { supported: false, name: null, access: false, status: null } })}
        />,
        mountRoot(),
      ),
    );
    expect(folderOption()?.disabled).toBe(true);
    expect(byTestId('folder-unsupported')?.textContent).toContain('Downloads folder');
    expect(byTestId('folder-pick')).toBeNull();
  });

  it('shows the chosen folder, the picker, and a grant button only when the grant lapsed', () => {
    const onPickFolder = vi.fn();
    const onGrantFolder = vi.fn();
    const folder = { supported: true, name: 'my-site', access: true, status: null };
    act(() =>
      render(
        <PublishTargetEditor {...props({ kind: 'folder', folder, onPickFolder, onGrantFolder })} />,
        mountRoot(),
      ),
    );
    expect(folderOption()?.disabled).toBe(false);
    expect(byTestId('folder-unsupported')).toBeNull();
    expect(byTestId('folder-name')?.textContent).toBe('my-site');
    expect(byTestId('folder-grant')).toBeNull();
    act(() => byTestId('folder-pick')?.click());
    expect(onPickFolder).toHaveBeenCalledOnce();

    act(() =>
      render(
        <PublishTargetEditor
          {...props({ kind: 'folder', folder: { ...folder, access: false }, onGrantFolder })}
        />,
        mountRoot(),
      ),
    );
    act(() => byTestId('folder-grant')?.click());
    expect(onGrantFolder).toHaveBeenCalledOnce();
  });

  it('says when no folder is chosen yet', () => {
    act(() => render(<PublishTargetEditor {...props({ kind: 'folder' })} />, mountRoot()));
    expect(byTestId('folder-name')?.textContent).toBe('none chosen yet');
  });
});
