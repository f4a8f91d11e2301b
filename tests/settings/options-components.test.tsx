// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { mountRootPerTest } from '../support/mount-root';
import { fromDraft, toDraft } from '@/components/options/SiteRulesEditor';
import ExportOptions, { type ExportOptionsProps } from '@/components/options/ExportOptions';
import TemplateEditor from '@/components/options/TemplateEditor';
import {
  DEFAULT_ATTACHMENTS,
  DEFAULT_CUSTOM_TEMPLATE,
  type PresetId,
} from '@/lib/export/export-settings';
import { emptySiteRule } from '@/lib/site-rules';

const mountRoot = mountRootPerTest();

describe('site rule drafts', () => {
  it('edit tags as one line and clutter selectors one per line, and come back', () => {
    const rule = {
      ...emptySiteRule('*.36kr.com'),
      tags: ['36氪新闻', 'tech news'],
      clutterSelectors: ['.share', '.related'],
    };
    const draft = toDraft(rule);
    expect(draft.tags).toBe('36氪新闻, tech news');
    expect(draft.clutterSelectors).toBe('.share\n.related');
    expect(fromDraft(draft)).toEqual(rule);
    expect(
      fromDraft({ ...draft, tags: '新闻，科技、 ,x', clutterSelectors: '\n .a \n\n' }),
    ).toMatchObject({
      tags: ['新闻', '科技', 'x'],
      clutterSelectors: ['.a'],
    });
  });
});

describe('TemplateEditor', () => {
  it('shows the error, edits fields and saves through its callbacks', async () => {
    const onChange = vi.fn();
    const onSave = vi.fn();
    await act(() =>
      render(
        <TemplateEditor
          template={DEFAULT_CUSTOM_TEMPLATE}
          error='Body: unknown variable "titel" (line 1, column 4)'
          dirty
          onChange={onChange}
          onSave={onSave}
          onReset={() => undefined}
        />,
        mountRoot(),
      ),
    );
    const byId = (id: string) => mountRoot().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`);
    expect(byId('template-error')[0]?.textContent).toBe(
      'Body: unknown variable "titel" (line 1, column 4)',
    );
    expect(byId('template-field')).toHaveLength(DEFAULT_CUSTOM_TEMPLATE.fields.length);
    const key = byId('template-field-key')[1] as HTMLInputElement;
    await act(() => {
      key.value = 'headline';
      key.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(onChange.mock.calls[0]?.[0].fields[1]).toEqual({
      key: 'headline',
      value: '{{ title }}',
      type: 'text',
    });
    await act(() => byId('template-field-add')[0]!.click());
    expect(onChange.mock.calls[1]?.[0].fields.at(-1)).toEqual({ key: '', value: '', type: 'text' });
    const imageFolder = byId('template-image-folder')[0] as HTMLInputElement;
    expect(imageFolder.value).toBe(DEFAULT_CUSTOM_TEMPLATE.imageFolder);
    await act(() => {
      imageFolder.value = 'static/img';
      imageFolder.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(onChange.mock.calls[2]?.[0].imageFolder).toBe('static/img');
    await act(() => byId('template-save')[0]!.click());
    expect(onSave).toHaveBeenCalledOnce();
  });
});

describe('ExportOptions: where Obsidian notes keep their images', () => {
  const show = (preset: PresetId, handlers: Partial<ExportOptionsProps> = {}) =>
    act(() =>
      render(
        <ExportOptions
          preset={preset}
          highlightSyntax="mark"
          fileNamePattern=""
          fileNameError={null}
          dateMode="source"
          timeZone="UTC"
          timeZoneError={null}
          knownZones={[]}
          attachments={DEFAULT_ATTACHMENTS}
          onAttachmentsFolderInput={() => undefined}
          onAttachmentsCommit={() => undefined}
          onHighlightSyntax={() => undefined}
          onFileNamePatternInput={() => undefined}
          onFileNamePatternCommit={() => undefined}
          onDateMode={() => undefined}
          onTimeZoneInput={() => undefined}
          onTimeZoneCommit={() => undefined}
          {...handlers}
        />,
        mountRoot(),
      ),
    );

  it('asks for the folder and the link style for Obsidian only', async () => {
    await show('jekyll');
    expect(mountRoot().querySelector('[data-testid="attachments-folder"]')).toBeNull();
    const onAttachmentsCommit = vi.fn();
    const onAttachmentsFolderInput = vi.fn();
    await show('obsidian', { onAttachmentsCommit, onAttachmentsFolderInput });
    const folder = mountRoot().querySelector<HTMLInputElement>(
      '[data-testid="attachments-folder"]',
    );
    expect(folder?.value).toBe('Clippings/attachments');
    await act(() => {
      folder!.value = 'Media';
      folder!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(onAttachmentsFolderInput).toHaveBeenCalledWith('Media');
    const markdown = mountRoot().querySelector<HTMLInputElement>(
      '[data-testid="image-link-style"] input[value="markdown"]',
    );
    await act(() => markdown!.click());
    expect(onAttachmentsCommit).toHaveBeenCalledWith({
      folder: 'Clippings/attachments',
      links: 'markdown',
    });
  });
});
