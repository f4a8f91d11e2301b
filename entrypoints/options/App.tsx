import { useEffect, useMemo, useState } from 'preact/hooks';
import ExportOptions from '@/components/options/ExportOptions';
import PostPreview from '@/components/options/PostPreview';
import PresetSwitcher, { presetLabel } from '@/components/options/PresetSwitcher';
import SettingsTransfer from '@/components/options/SettingsTransfer';
import SiteRulesEditor, {
  fromDraft,
  toDraft,
  type SiteRuleDraft,
} from '@/components/options/SiteRulesEditor';
import TemplateEditor from '@/components/options/TemplateEditor';
import { richMessage } from '@/components/rich-message';
import StatusLine from '@/components/StatusLine';
import {
  DEFAULT_CUSTOM_TEMPLATE,
  effectiveHighlightSyntax,
  type CustomTemplate,
  type DateMode,
  type ExportSettings,
  type HighlightSyntax,
  type PresetId,
} from '@/lib/export/export-settings';
import { buildPostData } from '@/lib/export/build-post-data';
import { previewPost, validateFileNamePattern, validateTemplate } from '@/lib/export/render-post';
import { samplePost } from '@/lib/export/sample-post';
import { isValidTimeZone } from '@/lib/export/zoned-date';
import { t } from '@/lib/i18n';
import { SettingsError, parseSiteRules, type Settings } from '@/lib/settings/settings';
import { mergeSiteRules, type SiteRule } from '@/lib/site-rules';
import { loadSettings, saveSettings } from '@/lib/settings/store';
import {
  settingsFromJson,
  settingsToJson,
  siteRulesFromJson,
  siteRulesToJson,
} from '@/lib/settings/transfer';
import { downloadTextFile } from './download-file';
import { askImageHostAccess } from './image-access';
import { loadLatestArticle, type LatestArticle } from './latest-article';
import PublishTargetSection from './PublishTargetSection';

type Status = { tone: 'info' | 'success' | 'error'; message: string };
type Saved = LatestArticle | null;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A CSS selector the browser can parse (a bad one would throw when the rule is used). */
function badSelector(rules: readonly SiteRule[]): string | null {
  const probe = document.createDocumentFragment();
  for (const [index, rule] of rules.entries()) {
    for (const selector of [rule.contentSelector, ...rule.clutterSelectors].filter(Boolean)) {
      try {
        probe.querySelector(selector);
      } catch {
        return t('options_bad_selector', index + 1, selector);
      }
    }
  }
  return null;
}

function knownZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

export default function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [template, setTemplate] = useState<CustomTemplate>(DEFAULT_CUSTOM_TEMPLATE);
  const [rules, setRules] = useState<SiteRuleDraft[]>([]);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [pattern, setPattern] = useState('');
  const [zone, setZone] = useState('');
  const [attachmentsFolder, setAttachmentsFolder] = useState('');
  const [saved, setSaved] = useState<Saved>(null);
  const [status, setStatus] = useState<Status>({
    tone: 'info',
    message: t('options_loading'),
  });
  const zones = useMemo(knownZones, []);

  /** Shows saved settings and resets every draft to them. */
  const adopt = (next: Settings) => {
    setSettings(next);
    setTemplate(next.export.custom);
    setRules(next.siteRules.map(toDraft));
    setRulesError(null);
    setPattern(next.export.fileNamePattern);
    setZone(next.export.timeZone);
    setAttachmentsFolder(next.export.attachments.folder);
  };

  useEffect(() => {
    void (async () => {
      try {
        adopt(await loadSettings());
        setStatus({ tone: 'info', message: t('options_autosave') });
      } catch (error) {
        setStatus({ tone: 'error', message: t('options_read_failed', message(error)) });
      }
      setSaved(await loadLatestArticle());
    })();
  }, []);

  /** Saves; on success only the given drafts are reset (others keep what is being typed). */
  const save = async (next: Settings, done: string): Promise<boolean> => {
    try {
      const stored = await saveSettings(next);
      setSettings(stored);
      setStatus({ tone: 'success', message: done });
      return true;
    } catch (error) {
      setStatus({ tone: 'error', message: t('options_not_saved', message(error)) });
      return false;
    }
  };

  const exportSettings: ExportSettings | null = settings?.export ?? null;
  const syntax: HighlightSyntax = exportSettings
    ? effectiveHighlightSyntax(exportSettings)
    : 'mark';
  const sample = useMemo(
    () =>
      saved
        ? {
            // What the export writes: the same placing of highlights.
            data: {
              ...buildPostData(
                saved.article,
                saved.article.tags,
                saved.highlights,
                saved.article.savedAt,
                syntax,
              ),
              images: saved.images,
            },
            label: t('options_sample_latest', saved.article.title),
          }
        : { data: samplePost(syntax), label: t('options_sample_builtin') },
    [saved, syntax],
  );

  const templateCheck = useMemo(() => validateTemplate(template), [template]);
  const templatePreview = useMemo(
    () =>
      exportSettings && settings
        ? previewPost(
            sample.data,
            { ...exportSettings, preset: 'custom', custom: template },
            settings.siteRules,
          )
        : null,
    [exportSettings, settings, sample, template],
  );
  const presetPreview = useMemo(
    () =>
      exportSettings && settings
        ? previewPost(sample.data, exportSettings, settings.siteRules)
        : null,
    [exportSettings, settings, sample],
  );
  const templateError = !templateCheck.ok
    ? templateCheck.error
    : templatePreview && !templatePreview.ok
      ? templatePreview.error
      : null;

  if (!settings || !exportSettings) {
    return (
      <main class="options">
        <StatusLine tone={status.tone} message={status.message} />
      </main>
    );
  }

  const updateExport = (patch: Partial<ExportSettings>, done: string) =>
    save({ ...settings, export: { ...settings.export, ...patch } }, done);

  const onPreset = (preset: PresetId) =>
    void updateExport({ preset }, t('options_preset_saved', presetLabel(preset)));

  const onSaveTemplate = () => {
    const check = validateTemplate(template);
    if (!check.ok) {
      setStatus({ tone: 'error', message: t('options_template_not_saved', check.error) });
      return;
    }
    void updateExport({ custom: template }, t('options_template_saved'));
  };

  const patternError = validateFileNamePattern(pattern, exportSettings.preset);
  const onPatternCommit = () => {
    if (!patternError.ok || pattern === exportSettings.fileNamePattern) return;
    void updateExport({ fileNamePattern: pattern }, t('options_pattern_saved'));
  };

  const zoneError =
    zone.trim() && isValidTimeZone(zone.trim()) ? null : t('options_bad_zone', zone);
  const onZoneCommit = () => {
    if (zoneError || zone.trim() === exportSettings.timeZone) return;
    void updateExport({ timeZone: zone.trim() }, t('options_dates_zone', zone.trim()));
  };
  const onDateMode = (dateMode: DateMode) => {
    if (dateMode === 'zone' && zoneError) {
      setStatus({ tone: 'error', message: t('options_zone_first') });
      return;
    }
    void updateExport(
      { dateMode, ...(dateMode === 'zone' ? { timeZone: zone.trim() } : {}) },
      dateMode === 'zone' ? t('options_dates_zone', zone.trim()) : t('options_dates_source'),
    );
  };

  const onSaveRules = async () => {
    let parsed: SiteRule[];
    try {
      parsed = parseSiteRules(rules.map(fromDraft));
    } catch (error) {
      setRulesError(message(error));
      setStatus({ tone: 'error', message: t('options_rules_not_saved') });
      return;
    }
    const selectorError = badSelector(parsed);
    if (selectorError) {
      setRulesError(selectorError);
      setStatus({ tone: 'error', message: t('options_rules_not_saved') });
      return;
    }
    if (await save({ ...settings, siteRules: parsed }, t('options_rules_saved'))) {
      setRules(parsed.map(toDraft));
      setRulesError(null);
    }
  };

  const onImportRules = async (file: File) => {
    try {
      const imported = siteRulesFromJson(await file.text());
      const badRule = badSelector(imported);
      if (badRule) throw new SettingsError(badRule);
      const merged = mergeSiteRules(settings.siteRules, imported);
      if (
        await save({ ...settings, siteRules: merged }, t('options_rules_imported', imported.length))
      ) {
        setRules(merged.map(toDraft));
        setRulesError(null);
      }
    } catch (error) {
      setStatus({ tone: 'error', message: t('options_not_imported', file.name, message(error)) });
    }
  };

  const onImportSettings = async (file: File) => {
    try {
      const imported = settingsFromJson(await file.text());
      if (await save(imported, t('options_settings_imported', file.name))) adopt(imported);
    } catch (error) {
      setStatus({ tone: 'error', message: t('options_not_imported', file.name, message(error)) });
    }
  };

  return (
    <main class="options">
      <header>
        <h1>{t('options_title')}</h1>
        <StatusLine tone={status.tone} message={status.message} />
      </header>

      <section>
        <h2>{t('options_section_preset')}</h2>
        <PresetSwitcher value={exportSettings.preset} onChange={onPreset} />
        {presetPreview && (
          <PostPreview
            result={presetPreview}
            sourceLabel={sample.label}
            testId="preset-preview"
            imageUrls={saved?.imageUrls}
          />
        )}
      </section>

      <section>
        <h2>{t('options_section_names')}</h2>
        <ExportOptions
          preset={exportSettings.preset}
          highlightSyntax={exportSettings.highlightSyntax}
          fileNamePattern={pattern}
          fileNameError={patternError.ok ? null : patternError.error}
          dateMode={exportSettings.dateMode}
          timeZone={zone}
          timeZoneError={zoneError}
          knownZones={zones}
          attachments={{ ...exportSettings.attachments, folder: attachmentsFolder }}
          onAttachmentsFolderInput={setAttachmentsFolder}
          onAttachmentsCommit={(attachments) =>
            void updateExport({ attachments }, t('options_attachments_saved'))
          }
          onHighlightSyntax={(highlightSyntax) =>
            void updateExport({ highlightSyntax }, t('options_syntax_saved'))
          }
          onFileNamePatternInput={setPattern}
          onFileNamePatternCommit={onPatternCommit}
          onDateMode={onDateMode}
          onTimeZoneInput={setZone}
          onTimeZoneCommit={onZoneCommit}
        />
      </section>

      <section>
        <h2>{t('options_section_template')}</h2>
        <p class="hint">{t('options_template_hint', presetLabel('custom'))}</p>
        <TemplateEditor
          template={template}
          error={templateError}
          dirty={!sameJson(template, exportSettings.custom)}
          onChange={setTemplate}
          onSave={onSaveTemplate}
          onReset={() => setTemplate(DEFAULT_CUSTOM_TEMPLATE)}
        />
        {templatePreview && (
          <PostPreview
            result={templatePreview}
            sourceLabel={sample.label}
            testId="template-preview"
            imageUrls={saved?.imageUrls}
          />
        )}
      </section>

      <section>
        <h2>{t('options_section_rules')}</h2>
        <p class="hint">
          {richMessage(
            'options_rules_hint',
            <code>example.com</code>,
            <code>www.example.com</code>,
            <code>*.36kr.com</code>,
          )}
        </p>
        <SiteRulesEditor
          rules={rules}
          error={rulesError}
          dirty={!sameJson(rules, settings.siteRules.map(toDraft))}
          onChange={setRules}
          onSave={() => void onSaveRules()}
          onExport={() =>
            downloadTextFile('gleaner-site-rules.json', siteRulesToJson(settings.siteRules))
          }
          onImport={(file) => void onImportRules(file)}
        />
      </section>

      <section>
        <h2>{t('options_images_heading')}</h2>
        <label class="inline">
          <input
            type="checkbox"
            data-testid="save-images"
            checked={settings.images.save}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              if (on) askImageHostAccess();
              void save({ ...settings, images: { save: on } }, t('options_images_saved'));
            }}
          />
          {t('options_save_images')}
        </label>
        <p class="hint">{t('options_images_access_hint')}</p>
      </section>

      <section>
        <h2>{t('options_section_target')}</h2>
        <PublishTargetSection />
      </section>

      <section>
        <h2>{t('options_section_backup')}</h2>
        <SettingsTransfer
          onExport={() => downloadTextFile('gleaner-settings.json', settingsToJson(settings))}
          onImport={(file) => void onImportSettings(file)}
        />
      </section>
    </main>
  );
}
