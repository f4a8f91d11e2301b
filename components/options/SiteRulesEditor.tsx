import type { TargetedEvent } from 'preact';
import { t, type MessageKey } from '@/lib/i18n';
import { emptySiteRule, type SiteRule } from '@/lib/site-rules';

/** A rule as it is typed: tags as one comma-separated line, clutter selectors one per line. */
export interface SiteRuleDraft {
  pattern: string;
  category: string;
  tags: string;
  timeZone: string;
  contentSelector: string;
  clutterSelectors: string;
}

export function toDraft(rule: SiteRule): SiteRuleDraft {
  return {
    pattern: rule.pattern,
    category: rule.category,
    tags: rule.tags.join(', '),
    timeZone: rule.timeZone,
    contentSelector: rule.contentSelector,
    clutterSelectors: rule.clutterSelectors.join('\n'),
  };
}

/** Back to a rule (not yet validated: the settings check does that). */
export function fromDraft(draft: SiteRuleDraft): SiteRule {
  return {
    pattern: draft.pattern.trim(),
    category: draft.category.trim(),
    tags: draft.tags
      .split(/[,，、]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    timeZone: draft.timeZone.trim(),
    contentSelector: draft.contentSelector.trim(),
    clutterSelectors: draft.clutterSelectors
      .split('\n')
      .map((selector) => selector.trim())
      .filter(Boolean),
  };
}

/** The one-line fields of a rule, in the order they are shown. */
const LINE_FIELDS: readonly {
  key: Exclude<keyof SiteRuleDraft, 'clutterSelectors'>;
  label: MessageKey;
  /** `site-rule-<testId>`: a contract with the E2E tests. */
  testId: string;
  placeholder?: string;
  list?: string;
}[] = [
  { key: 'pattern', label: 'rules_pattern', testId: 'pattern', placeholder: '*.36kr.com' },
  { key: 'category', label: 'rules_category', testId: 'category' },
  { key: 'tags', label: 'rules_tags', testId: 'tags' },
  {
    key: 'timeZone',
    label: 'rules_timezone',
    testId: 'timezone',
    placeholder: 'Asia/Shanghai',
    list: 'known-zones',
  },
  {
    key: 'contentSelector',
    label: 'rules_content',
    testId: 'content',
    placeholder: 'article .post-body',
  },
];

export interface SiteRulesEditorProps {
  rules: SiteRuleDraft[];
  error: string | null;
  dirty: boolean;
  onChange(rules: SiteRuleDraft[]): void;
  onSave(): void;
  onExport(): void;
  onImport(file: File): void;
}

export default function SiteRulesEditor({
  rules,
  error,
  dirty,
  onChange,
  onSave,
  onExport,
  onImport,
}: SiteRulesEditorProps) {
  const set = (index: number, key: keyof SiteRuleDraft, value: string) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, [key]: value } : rule)));
  const input =
    (index: number, key: keyof SiteRuleDraft) =>
    (event: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set(index, key, event.currentTarget.value);
  const onFile = (event: TargetedEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file) onImport(file);
  };

  return (
    <div class="site-rules" data-testid="site-rules">
      {rules.length === 0 && <p class="hint">{t('rules_none')}</p>}
      {rules.map((rule, index) => (
        <fieldset key={index} class="site-rule" data-testid="site-rule">
          <legend>{rule.pattern.trim() || t('rules_rule_n', index + 1)}</legend>
          {LINE_FIELDS.map(({ key, label, testId, placeholder, list }) => (
            <label key={key}>
              {t(label)}
              <input
                data-testid={`site-rule-${testId}`}
                placeholder={placeholder}
                list={list}
                value={rule[key]}
                onInput={input(index, key)}
              />
            </label>
          ))}
          <label>
            {t('rules_clutter')}
            <textarea
              data-testid="site-rule-clutter"
              rows={2}
              value={rule.clutterSelectors}
              onInput={input(index, 'clutterSelectors')}
            />
          </label>
          <button
            type="button"
            class="link-button"
            onClick={() => onChange(rules.filter((_, i) => i !== index))}
          >
            {t('rules_remove')}
          </button>
        </fieldset>
      ))}
      {error && (
        <p class="error" role="alert" data-testid="site-rules-error">
          {error}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          data-testid="site-rule-add"
          onClick={() => onChange([...rules, toDraft(emptySiteRule())])}
        >
          {t('rules_add')}
        </button>
        <button type="button" class="primary" data-testid="site-rules-save" onClick={onSave}>
          {t('rules_save')}
        </button>
        <button type="button" data-testid="site-rules-export" onClick={onExport}>
          {t('rules_export')}
        </button>
        <label class="button">
          {t('rules_import')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="site-rules-import"
            onChange={onFile}
          />
        </label>
        {dirty && <span class="hint">{t('unsaved_changes')}</span>}
      </div>
    </div>
  );
}
