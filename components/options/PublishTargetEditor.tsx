import type { TargetedEvent } from 'preact';
import { t } from '@/lib/i18n';
import type { GitTarget } from '@/lib/publish/git-target';
import type { TargetKind } from '@/lib/publish/target-store';

export interface PublishTargetEditorProps {
  kind: TargetKind;
  git: GitTarget;
  tokenSaved: boolean;
  /** "Publish on save": every save from the popup publishes the article too. */
  publishOnSave: boolean;
  /** The answer of "Test connection", or null before one. */
  status: { tone: 'info' | 'success' | 'error'; message: string } | null;
  onKind(kind: TargetKind): void;
  onGit(changes: Partial<GitTarget>): void;
  onToken(token: string): void;
  onTest(): void;
  onPublishOnSave(enabled: boolean): void;
  /** The folder target: whether this browser can write to a folder (not Firefox). */
  folder: {
    supported: boolean;
    /** The chosen folder's name, or null before one is chosen. */
    name: string | null;
    /** Gleaner may write there now (false once the browser let the grant lapse). */
    access: boolean;
    status: { tone: 'info' | 'success' | 'error'; message: string } | null;
  };
  onPickFolder(): void;
  onGrantFolder(): void;
}

const FIELDS: ReadonlyArray<{
  key: keyof GitTarget;
  testId: string;
  label: () => string;
}> = [
  { key: 'url', testId: 'git-url', label: () => t('git_url') },
  { key: 'branch', testId: 'git-branch', label: () => t('git_branch') },
  { key: 'folder', testId: 'git-folder', label: () => t('git_folder') },
  { key: 'username', testId: 'git-username', label: () => t('git_username') },
  { key: 'authorName', testId: 'git-author-name', label: () => t('git_author_name') },
  {
    key: 'authorEmail',
    testId: 'git-author-email',
    label: () => t('git_author_email'),
  },
];

/** "Publish on save", worded for the target it is shown under. */
function PublishOnSave(props: {
  publishOnSave: boolean;
  onPublishOnSave(enabled: boolean): void;
  label: string;
}) {
  return (
    <label class="inline">
      <input
        type="checkbox"
        data-testid="publish-on-save"
        checked={props.publishOnSave}
        onChange={(event) => props.onPublishOnSave(event.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}

/** The target of exports and "Publish": Downloads, a git repository with its settings, or a folder. */
export default function PublishTargetEditor(props: PublishTargetEditorProps) {
  const value = (event: TargetedEvent<HTMLInputElement>) => event.currentTarget.value;
  return (
    <div class="publish-target">
      <label>
        {t('options_section_target')}
        <select
          data-testid="target-select"
          value={props.kind}
          onChange={(event) => props.onKind(event.currentTarget.value as TargetKind)}
        >
          <option value="downloads">{t('target_downloads')}</option>
          <option value="git">{t('target_git')}</option>
          <option value="folder" disabled={!props.folder.supported}>
            {t('target_folder')}
          </option>
        </select>
      </label>
      {!props.folder.supported && (
        <p class="hint" data-testid="folder-unsupported">
          {t('target_folder_unsupported')}
        </p>
      )}
      {props.kind === 'folder' && (
        <fieldset>
          <p>
            {t('folder_chosen')}{' '}
            <strong data-testid="folder-name">{props.folder.name ?? t('folder_none')}</strong>
          </p>
          <button type="button" data-testid="folder-pick" onClick={props.onPickFolder}>
            {t('folder_pick')}
          </button>
          {props.folder.name !== null && !props.folder.access && (
            <button type="button" data-testid="folder-grant" onClick={props.onGrantFolder}>
              {t('folder_grant')}
            </button>
          )}
          <PublishOnSave {...props} label={t('publish_on_save_folder')} />
          <p class="hint">{t('folder_hint')}</p>
          <p
            data-testid="folder-status"
            class={props.folder.status ? `status status-${props.folder.status.tone}` : 'status'}
            role="status"
          >
            {props.folder.status?.message ?? ''}
          </p>
        </fieldset>
      )}
      {props.kind === 'git' && (
        <fieldset>
          {FIELDS.map((field) => (
            <label key={field.key}>
              {field.label()}
              <input
                type="text"
                data-testid={field.testId}
                value={props.git[field.key]}
                spellcheck={false}
                onInput={(event) => props.onGit({ [field.key]: value(event) })}
              />
            </label>
          ))}
          <label>
            {t('git_token')}
            <input
              type="password"
              data-testid="git-token"
              autocomplete="off"
              placeholder={props.tokenSaved ? t('git_token_saved') : ''}
              onInput={(event) => props.onToken(value(event))}
            />
          </label>
          <button type="button" data-testid="git-test" onClick={props.onTest}>
            {t('git_test')}
          </button>
          <PublishOnSave {...props} label={t('publish_on_save')} />
          <p
            data-testid="git-status"
            class={props.status ? `status status-${props.status.tone}` : 'status'}
            role="status"
          >
            {props.status?.message ?? ''}
          </p>
        </fieldset>
      )}
    </div>
  );
}
