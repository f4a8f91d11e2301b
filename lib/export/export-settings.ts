/** What the user chooses about the exported file: preset, custom template, highlights, names, dates. */

export const PRESET_IDS = ['jekyll', 'hugo', 'obsidian', 'custom'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const HIGHLIGHT_SYNTAXES = ['mark', 'equals', 'none'] as const;
/** `mark` → `<mark>…</mark>`, `equals` → `==…==` (Obsidian), `none` → the text unmarked. */
export type HighlightSyntax = (typeof HIGHLIGHT_SYNTAXES)[number];

export const FIELD_TYPES = ['text', 'list', 'date', 'number', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One front-matter field of a custom template: its key, a Liquid template for its value, its type. */
export interface TemplateField {
  key: string;
  value: string;
  type: FieldType;
}

export interface CustomTemplate {
  /** Folder inside the site or vault, e.g. `_posts`, `content/posts`, `Clippings` (a template too). */
  folder: string;
  fields: TemplateField[];
  /** The Markdown after the front matter (a Liquid template). */
  body: string;
  /**
   * Where kept images go inside the site (a template, like `folder`); the post links them from the
   * site's root (`/assets/images/…`). '' leaves them at their remote URLs.
   */
  imageFolder: string;
}

export const DATE_MODES = ['source', 'zone'] as const;
/** `source`: keep the offset the page gave; `zone`: convert every date to `timeZone`. */
export type DateMode = (typeof DATE_MODES)[number];

export const OBSIDIAN_IMAGE_LINKS = ['wikilink', 'markdown'] as const;
/** `wikilink` → `![[name.png]]`; `markdown` → `![alt](attachments/name.png)`, relative to the note. */
export type ObsidianImageLinks = (typeof OBSIDIAN_IMAGE_LINKS)[number];

/** Where an Obsidian note's kept images go, and how the note links them. */
export interface ObsidianAttachments {
  /** A folder of the vault, e.g. `Clippings/attachments` (Obsidian's "attachment folder path"). */
  folder: string;
  links: ObsidianImageLinks;
}

export interface ExportSettings {
  preset: PresetId;
  attachments: ObsidianAttachments;
  custom: CustomTemplate;
  highlightSyntax: HighlightSyntax;
  /** A Liquid template for the file name without `.md`; '' means the preset's own rule. */
  fileNamePattern: string;
  dateMode: DateMode;
  /** The IANA zone dates are converted to when `dateMode` is `zone`. */
  timeZone: string;
}

export const PRESET_LABELS: Readonly<Record<PresetId, string>> = {
  jekyll: 'Jekyll',
  hugo: 'Hugo',
  obsidian: 'Obsidian',
  custom: 'Custom template',
};

/** Where each preset puts its files inside a site or vault (the custom template names its own). */
export const PRESET_FOLDERS: Readonly<Record<Exclude<PresetId, 'custom'>, string>> = {
  jekyll: '_posts',
  hugo: 'content/posts',
  obsidian: 'Clippings',
};

/** The preset's own file-name rule written as a pattern (what '' means), shown as a hint. */
export const DEFAULT_FILE_NAME_PATTERNS: Readonly<Record<PresetId, string>> = {
  jekyll: '{{ date | date: "%Y-%m-%d" }}-{{ title | slug }}',
  hugo: '{{ title | slug }}',
  obsidian: '{{ title }}',
  custom: '{{ date | date: "%Y-%m-%d" }}-{{ title | slug }}',
};

/** A starting point that shows the template language: a Jekyll post with a few more fields. */
export const DEFAULT_CUSTOM_TEMPLATE: CustomTemplate = {
  folder: '_posts',
  fields: [
    { key: 'layout', value: 'post', type: 'text' },
    { key: 'title', value: '{{ title }}', type: 'text' },
    { key: 'date', value: '{{ date | date: "%Y-%m-%d %H:%M:%S %z" }}', type: 'date' },
    { key: 'categories', value: '{{ categories }}', type: 'list' },
    { key: 'tags', value: '{{ tags }}', type: 'list' },
    { key: 'author', value: '{{ author }}', type: 'text' },
    { key: 'source', value: '{{ canonical }}', type: 'text' },
    { key: 'words', value: '{{ word_count }}', type: 'number' },
  ],
  body: [
    '{{ content }}',
    '',
    '<{{ canonical }}>',
    '{% if highlights.size > 0 %}',
    '## Highlights',
    '{% for highlight in highlights %}',
    '{{ highlight.quote | blockquote }}',
    '{% if highlight.note != "" %}',
    '{{ highlight.note }}',
    '{% endif %}{% endfor %}{% endif %}',
  ].join('\n'),
  imageFolder: 'assets/images/{{ title | slug }}',
};

export const DEFAULT_ATTACHMENTS: ObsidianAttachments = {
  folder: 'Clippings/attachments',
  links: 'wikilink',
};

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  preset: 'jekyll',
  attachments: DEFAULT_ATTACHMENTS,
  custom: DEFAULT_CUSTOM_TEMPLATE,
  highlightSyntax: 'mark',
  fileNamePattern: '',
  dateMode: 'source',
  timeZone: 'UTC',
};

/** The syntax placed highlights are marked with in `PostData.content`: Obsidian always uses `==…==`. */
export function effectiveHighlightSyntax(settings: ExportSettings): HighlightSyntax {
  return settings.preset === 'obsidian' ? 'equals' : settings.highlightSyntax;
}
