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

const FILTER_HELP: Readonly<Record<(typeof CUSTOM_FILTERS)[number], string>> = {
  slug: '{{ title | slug }} ASCII slug, Chinese in pinyin; slug: 40 caps the length',
  pinyin: '{{ title | pinyin }} toneless pinyin, words apart',
  date: '{{ date | date: "%Y-%m-%d %H:%M" }}, optionally , "Asia/Tokyo" for another zone',
  lower: '{{ site | lower }}',
  upper: '{{ site | upper }}',
  blockquote: '{{ highlight.quote | blockquote }} prefixes every line with > ',
};

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
        Folder{' '}
        <input
          data-testid="template-folder"
          value={template.folder}
          placeholder="_posts"
          onInput={(event) => onChange({ ...template, folder: value(event) })}
        />
      </label>
      <fieldset data-testid="template-frontmatter">
        <legend>Front matter</legend>
        <table>
          <thead>
            <tr>
              <th>Key</th>
              <th>Type</th>
              <th>Value (Liquid)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {template.fields.map((field, index) => (
              <tr key={index} data-testid="template-field">
                <td>
                  <input
                    aria-label={`Key of field ${index + 1}`}
                    data-testid="template-field-key"
                    value={field.key}
                    onInput={(event) => setField(index, { key: value(event) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Type of field ${index + 1}`}
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
                    aria-label={`Value of field ${index + 1}`}
                    data-testid="template-field-value"
                    value={field.value}
                    onInput={(event) => setField(index, { value: value(event) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    aria-label={`Remove field ${index + 1}`}
                    onClick={() => removeField(index)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" data-testid="template-field-add" onClick={addField}>
          Add a field
        </button>
      </fieldset>
      <label class="column">
        Body (Markdown and Liquid)
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
          Save template
        </button>
        <button type="button" onClick={onReset}>
          Back to the example
        </button>
        {dirty && <span class="hint">Unsaved changes</span>}
      </div>
      <details class="reference">
        <summary>Variables and filters</summary>
        <dl>
          {TEMPLATE_VARIABLES.map(([name, meaning]) => (
            <div key={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <ul>
          {CUSTOM_FILTERS.map((filter) => (
            <li key={filter}>
              <code>{filter}</code>: {FILTER_HELP[filter]}
            </li>
          ))}
          <li>
            and Liquid’s own (<code>join</code>, <code>truncate</code>, <code>default</code>,{' '}
            <code>replace</code>…). Date directives:{' '}
            {[...STRFTIME_DIRECTIVES].map((d) => `%${d}`).join(' ')}.
          </li>
        </ul>
        <p class="hint">
          Field types: text, list (one output giving a list keeps its items; other text is split on
          commas), date (must give a date such as 2022-01-12 or 2022-01-12T21:56:33+08:00), number,
          boolean. A field that renders empty is left out.
        </p>
      </details>
    </div>
  );
}
