import type { TargetedEvent } from 'preact';
import {
  DEFAULT_FILE_NAME_PATTERNS,
  type DateMode,
  type HighlightSyntax,
  type PresetId,
} from '@/lib/export/export-settings';

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
  onHighlightSyntax(syntax: HighlightSyntax): void;
  onFileNamePatternInput(pattern: string): void;
  onFileNamePatternCommit(): void;
  onDateMode(mode: DateMode): void;
  onTimeZoneInput(zone: string): void;
  onTimeZoneCommit(): void;
}

const SYNTAXES: ReadonlyArray<[HighlightSyntax, string]> = [
  ['mark', '<mark>…</mark>'],
  ['equals', '==…=='],
  ['none', 'not marked'],
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
        <legend>Highlights in the text</legend>
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
            <code>{label}</code>
          </label>
        ))}
        {obsidian && <p class="hint">Obsidian notes always use ==…==.</p>}
      </fieldset>

      <label class="column">
        File name (without .md; empty: the preset’s own rule)
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
        <legend>Dates</legend>
        <label class="inline">
          <input
            type="radio"
            name="date-mode"
            checked={props.dateMode === 'source'}
            onChange={() => props.onDateMode('source')}
          />
          Keep the source’s UTC offset
        </label>
        <label class="inline">
          <input
            type="radio"
            name="date-mode"
            checked={props.dateMode === 'zone'}
            onChange={() => props.onDateMode('zone')}
          />
          Convert to{' '}
          <input
            data-testid="time-zone"
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
        <p class="hint">
          Jekyll builds permalinks in the site’s own timezone: converting to it keeps each file’s
          date and its permalink on the same day.
        </p>
        {props.timeZoneError && (
          <p class="error" role="alert" data-testid="time-zone-error">
            {props.timeZoneError}
          </p>
        )}
      </fieldset>
    </div>
  );
}
