import type { TargetedEvent } from 'preact';
import {
  FIELD_TYPES,
  type CustomTemplate,
  type FieldType,
  type TemplateField,
} from '@/lib/export/export-settings';
import { CUSTOM_FILTERS } from '@/lib/export/template-engine';
import { TEMPLATE_VARIABLES } from '@/lib/export/template-scope';
import { STRFTIME_DIRECTIVES } from '@/lib/export/zoned-date';
import { richMessage } from '@/components/rich-message';
import { t, type MessageKey } from '@/lib/i18n';

export interface TemplateEditorProps {
  template: CustomTemplate;
  /** Why the template cannot be saved, or null. */
  error: string | null;
  /** True when the template differs from the saved one. */
  dirty: boolean;
  onChange(template: CustomTemplate): void;
  onSave(): void;
  onReset(): void;
}

/** An example of each filter, and what it does (null: the example says it all). */
const FILTER_HELP: Readonly<
  Record<(typeof CUSTOM_FILTERS)[number], readonly [example: string, help: MessageKey | null]>
> = {
  slug: ['{{ title | slug }}', 'filter_slug'],
  pinyin: ['{{ title | pinyin }}', 'filter_pinyin'],
  date: ['{{ date | date: "%Y-%m-%d %H:%M" }}', 'filter_date'],
  lower: ['{{ site | lower }}', null],
  upper: ['{{ site | upper }}', null],
  blockquote: ['{{ highlight.quote | blockquote }}', 'filter_blockquote'],
};

/** The meaning of each template variable, translated (the English list lives in template-scope.ts). */
const VARIABLE_HELP: Readonly<Record<string, MessageKey>> = {
  title: 'var_title',
  url: 'var_url',
  canonical: 'var_canonical',
  site: 'var_site',
  author: 'var_author',
  language: 'var_language',
  date: 'var_date',
  published: 'var_published',
  saved: 'var_saved',
  tags: 'var_tags',
  categories: 'var_categories',
  excerpt: 'var_excerpt',
  image: 'var_image',
  word_count: 'var_word_count',
  highlights: 'var_highlights',
  notes: 'var_notes',
  content: 'var_content',
};

function variableHelp(name: string, english: string): string {
  const key = VARIABLE_HELP[name];
  return key ? t(key) : english;
}

export default function TemplateEditor({
  template,
  error,
  dirty,
  onChange,
  onSave,
  onReset,
}: TemplateEditorProps) {
  const setField = (index: number, patch: Partial<TemplateField>) =>
    onChange({
      ...template,
      fields: template.fields.map((field, i) => (i === index ? { ...field, ...patch } : field)),
    });
  const removeField = (index: number) =>
    onChange({ ...template, fields: template.fields.filter((_, i) => i !== index) });
  const addField = () =>
    onChange({ ...template, fields: [...template.fields, { key: '', value: '', type: 'text' }] });
  const value = (
    event: TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>,
  ) => event.currentTarget.value;

  return (
    <div class="template-editor">
      <label class="row">
        {t('template_folder')}{' '}
        <input
          data-testid="template-folder"
          value={template.folder}
          placeholder="_posts"
          onInput={(event) => onChange({ ...template, folder: value(event) })}
        />
      </label>
      <label class="row">
        {t('template_image_folder')}{' '}
        <input
          data-testid="template-image-folder"
          value={template.imageFolder}
          placeholder="assets/images/{{ title | slug }}"
          onInput={(event) => onChange({ ...template, imageFolder: value(event) })}
        />
      </label>
      <p class="hint">{t('template_image_folder_hint')}</p>
      <fieldset data-testid="template-frontmatter">
        <legend>{t('template_front_matter')}</legend>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('template_key')}</th>
              <th scope="col">{t('template_type')}</th>
              <th scope="col">{t('template_value')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('template_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {template.fields.map((field, index) => (
              <tr key={index} data-testid="template-field">
                <td>
                  <input
                    aria-label={t('template_field_key', index + 1)}
                    data-testid="template-field-key"
                    value={field.key}
                    onInput={(event) => setField(index, { key: value(event) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('template_field_type', index + 1)}
                    data-testid="template-field-type"
                    value={field.type}
                    onChange={(event) => setField(index, { type: value(event) as FieldType })}
                  >
                    {FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    class="wide"
                    aria-label={t('template_field_value', index + 1)}
                    data-testid="template-field-value"
                    value={field.value}
                    onInput={(event) => setField(index, { value: value(event) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    aria-label={t('template_field_remove', index + 1)}
                    onClick={() => removeField(index)}
                  >
                    {t('template_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" data-testid="template-field-add" onClick={addField}>
          {t('template_add_field')}
        </button>
      </fieldset>
      <label class="column">
        {t('template_body')}
        <textarea
          data-testid="template-body"
          rows={12}
          spellcheck={false}
          value={template.body}
          onInput={(event) => onChange({ ...template, body: value(event) })}
        />
      </label>
      {error && (
        <p class="error" role="alert" data-testid="template-error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" data-testid="template-save" onClick={onSave}>
          {t('template_save')}
        </button>
        <button type="button" onClick={onReset}>
          {t('template_reset')}
        </button>
        {dirty && <span class="hint">{t('unsaved_changes')}</span>}
      </div>
      <details class="reference">
        <summary>{t('template_reference')}</summary>
        <dl>
          {TEMPLATE_VARIABLES.map(([name, meaning]) => (
            <div key={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>{variableHelp(name, meaning)}</dd>
            </div>
          ))}
        </dl>
        <ul>
          {CUSTOM_FILTERS.map((filter) => {
            const [example, help] = FILTER_HELP[filter];
            return (
              <li key={filter}>
                <code>{filter}</code>: <code>{example}</code>
                {help && ` ${t(help)}`}
              </li>
            );
          })}
          <li>
            {richMessage(
              'template_liquid_filters',
              <code>join</code>,
              <code>truncate</code>,
              <code>default</code>,
              <code>replace</code>,
              [...STRFTIME_DIRECTIVES].map((d) => `%${d}`).join(' '),
            )}
          </li>
        </ul>
        <p class="hint">{t('template_types_hint')}</p>
      </details>
    </div>
  );
}
