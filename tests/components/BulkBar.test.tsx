// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { mountRootPerTest } from '../support/mount-root';
import BulkBar, { type BulkBarProps } from '@/components/library/BulkBar';

const mountRoot = mountRootPerTest();

function props(overrides: Partial<BulkBarProps> = {}): BulkBarProps {
  return {
    count: 2,
    knownTags: [],
    busy: false,
    canPublish: true,
    onAddTag: vi.fn(),
    onRemoveTag: vi.fn(),
    onDelete: vi.fn(),
    onExport: vi.fn(),
    onPublish: vi.fn(),
    onClear: vi.fn(),
    ...overrides,
  };
}

const publishButton = () =>
  mountRoot().querySelector<HTMLButtonElement>('[data-testid="bulk-publish"]');

describe('BulkBar: Publish', () => {
  it('is offered when the target is a repository, and publishes the selection', async () => {
    const given = props();
    await act(() => render(<BulkBar {...given} />, mountRoot()));
    expect(publishButton()?.textContent).toBe('Publish selected');
    await act(() => publishButton()!.click());
    expect(given.onPublish).toHaveBeenCalledTimes(1);
    expect(given.onExport).not.toHaveBeenCalled();
  });

  it('is not offered when posts go to Downloads', async () => {
    await act(() => render(<BulkBar {...props({ canPublish: false })} />, mountRoot()));
    expect(publishButton()).toBeNull();
    expect(mountRoot().querySelector('[data-testid="bulk-export"]')).not.toBeNull();
  });

  it('waits while another task runs', async () => {
    await act(() => render(<BulkBar {...props({ busy: true })} />, mountRoot()));
    expect(publishButton()!.disabled).toBe(true);
  });
});
