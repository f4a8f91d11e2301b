import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CUSTOM_TEMPLATE } from '@/lib/export/export-settings';
import { DEFAULT_SETTINGS, SettingsError, migrateSettings } from '@/lib/settings/settings';
import { SETTINGS_KEY, loadSettings, saveSettings, watchSettings } from '@/lib/settings/store';

describe('settings in extension storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('load the defaults before anything is saved', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('save under one key in local storage and load back', async () => {
    const settings = migrateSettings({
      export: { preset: 'hugo' },
      siteRules: [{ pattern: 'A.com' }],
    });
    const saved = await saveSettings(settings);
    expect(saved.siteRules[0]?.pattern).toBe('a.com');
    expect(await loadSettings()).toEqual(saved);
    const raw = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(raw)).toEqual(['settings']);
    expect(SETTINGS_KEY).toBe('local:settings');
  });

  it('refuse to save a broken template and keep what was there', async () => {
    const good = await saveSettings(migrateSettings({ export: { preset: 'custom' } }));
    const broken = migrateSettings({
      export: { preset: 'custom', custom: { ...DEFAULT_CUSTOM_TEMPLATE, body: '{% if %}' } },
    });
    await expect(saveSettings(broken)).rejects.toThrow(SettingsError);
    await expect(saveSettings(broken)).rejects.toThrow(/^Custom template: Body: /);
    expect(await loadSettings()).toEqual(good);
  });

  it('upgrade and complete what is stored', async () => {
    await fakeBrowser.storage.local.set({ settings: { export: { preset: 'obsidian' } } });
    expect((await loadSettings()).export).toEqual({
      ...DEFAULT_SETTINGS.export,
      preset: 'obsidian',
    });
  });

  it('fall back to the defaults on an unreadable value without erasing it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ settings: { version: 99 } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { version: 99 } });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('tell watchers about changes', async () => {
    const seen: string[] = [];
    const stop = watchSettings((settings) => seen.push(settings.export.preset));
    await saveSettings(migrateSettings({ export: { preset: 'hugo' } }));
    await saveSettings(migrateSettings({ export: { preset: 'obsidian' } }));
    stop();
    await saveSettings(migrateSettings({ export: { preset: 'jekyll' } }));
    expect(seen).toEqual(['hugo', 'obsidian']);
  });
});
