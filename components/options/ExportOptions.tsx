import type { TargetedEvent } from 'preact';
import {
  DEFAULT_FILE_NAME_PATTERNS,
  type DateMode,
  type HighlightSyntax,
  type ObsidianAttachments,
  type PresetId,
} from '@/lib/export/export-settings';
import { t } from '@/lib/i18n';

export interface ExportOptionsProps {
  preset: PresetId;
  highlightSyntax: HighlightSyntax;
  /** The pattern being typed, and why it cannot be saved (null when it can). */
  fileNamePattern: string;
  fileNameError: string | null;
  dateMode: DateMode;
  /** The zone being typed, and why it cannot be saved. */
  timeZone: string;
  timeZoneError: string | null;
  /** Zone names for the suggestions list. */
  knownZones: readonly string[];
  /** Where Obsidian notes' kept images go (the folder as being typed) and how they are linked. */
  attachments: ObsidianAttachments;
  onAttachmentsFolderInput(folder: string): void;
  onAttachmentsCommit(attachments: ObsidianAttachments): void;
  onHighlightSyntax(syntax: HighlightSyntax): void;
  onFileNamePatternInput(pattern: string): void;
  onFileNamePatternCommit(): void;
  onDateMode(mode: DateMode): void;
  onTimeZoneInput(zone: string): void;
  onTimeZoneCommit(): void;
}

/** How each syntax is shown: as code, or (for "none") in words. */
const SYNTAXES: ReadonlyArray<[HighlightSyntax, string | null]> = [
  ['mark', '<mark>…</mark>'],
  ['equals', '==…=='],
  ['none', null],
];

export default function ExportOptions(props: ExportOptionsProps) {
  const obsidian = props.preset === 'obsidian';
  const text = (event: TargetedEvent<HTMLInputElement>) => event.currentTarget.value;
  const onEnter = (commit: () => void) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') commit();
  };
  return (
    <div class="export-options">
      <fieldset data-testid="highlight-syntax">
        <legend>{t('export_highlights_legend')}</legend>
        {SYNTAXES.map(([syntax, label]) => (
          <label key={syntax} class="inline">
            <input
              type="radio"
              name="highlight-syntax"
              value={syntax}
              disabled={obsidian}
              checked={(obsidian ? 'equals' : props.highlightSyntax) === syntax}
              onChange={() => props.onHighlightSyntax(syntax)}
            />
            {label === null ? t('export_syntax_none') : <code>{label}</code>}
          </label>
        ))}
        {obsidian && <p class="hint">{t('export_obsidian_hint')}</p>}
      </fieldset>

      {obsidian && (
        <fieldset data-testid="image-link-style">
          <legend>{t('export_image_links_legend')}</legend>
          <label class="column">
            {t('export_attachments_folder')}
            <input
              data-testid="attachments-folder"
              value={props.attachments.folder}
              placeholder="Clippings/attachments"
              onInput={(event) => props.onAttachmentsFolderInput(text(event))}
              onChange={() => props.onAttachmentsCommit(props.attachments)}
              onKeyDown={onEnter(() => props.onAttachmentsCommit(props.attachments))}
            />
          </label>
          {(['wikilink', 'markdown'] as const).map((links) => (
            <label key={links} class="inline">
              <input
                type="radio"
                name="image-link-style"
                value={links}
                checked={props.attachments.links === links}
                onChange={() => props.onAttachmentsCommit({ ...props.attachments, links })}
              />
              {t(
                links === 'wikilink'
                  ? 'export_image_links_wikilink'
                  : 'export_image_links_markdown',
              )}
            </label>
          ))}
        </fieldset>
      )}

      <label class="column">
        {t('export_file_name')}
        <input
          data-testid="file-name-pattern"
          value={props.fileNamePattern}
          placeholder={DEFAULT_FILE_NAME_PATTERNS[props.preset]}
          onInput={(event) => props.onFileNamePatternInput(text(event))}
          onChange={props.onFileNamePatternCommit}
          onKeyDown={onEnter(props.onFileNamePatternCommit)}
        />
      </label>
      {props.fileNameError && (
        <p class="error" role="alert" data-testid="file-name-error">
          {props.fileNameError}
        </p>
      )}

      <fieldset data-testid="date-mode">
        <legend>{t('export_dates_legend')}</legend>
        <label class="inline">
          <input
            type="radio"
            name="date-mode"
            checked={props.dateMode === 'source'}
            onChange={() => props.onDateMode('source')}
          />
          {t('export_dates_source')}
        </label>
        <label class="inline">
          <input
            type="radio"
            name="date-mode"
            checked={props.dateMode === 'zone'}
            onChange={() => props.onDateMode('zone')}
          />
          {t('export_dates_convert')}{' '}
          <input
            data-testid="time-zone"
            aria-label={t('export_time_zone')}
            list="known-zones"
            value={props.timeZone}
            onInput={(event) => props.onTimeZoneInput(text(event))}
            onChange={props.onTimeZoneCommit}
            onKeyDown={onEnter(props.onTimeZoneCommit)}
          />
        </label>
        <datalist id="known-zones">
          {props.knownZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p class="hint">{t('export_dates_hint')}</p>
        {props.timeZoneError && (
          <p class="error" role="alert" data-testid="time-zone-error">
            {props.timeZoneError}
          </p>
        )}
      </fieldset>
    </div>
  );
}
