import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import PublishTargetEditor, {
  type PublishTargetEditorProps,
} from '@/components/options/PublishTargetEditor';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import { gitFailureMessage } from '@/lib/publish/failure-message';
import { canPickFolder } from '@/lib/publish/folder-publish';
import {
  repositoryOriginPattern,
  repositoryUrlProblem,
  type GitTarget,
} from '@/lib/publish/git-target';
import {
  activeTargetKind,
  hasGitToken,
  loadPublishTarget,
  saveGitToken,
  savePublishTarget,
  type PublishTarget,
} from '@/lib/publish/target-store';
import { loadSyncInterval, saveSyncInterval, SYNC_INTERVALS } from '@/lib/sync/schedule';
import SyncScheduleEditor from '@/components/options/SyncScheduleEditor';
import { grantFolder, loadFolderState, pickFolder, type FolderState } from './publish-folder';

type Status = PublishTargetEditorProps['status'];

/** The options page's "Where posts go": saved as typed; the token under its own key. */
export default function PublishTargetSection() {
  const [target, setTarget] = useState<PublishTarget | null>(null);
  const [tokenSaved, setTokenSaved] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [syncMinutes, setSyncMinutes] = useState(0);
  const [folder, setFolder] = useState<FolderState>({ name: null, access: false });
  const [folderStatus, setFolderStatus] = useState<Status>(null);
  const folderSupported = canPickFolder(window);

  useEffect(() => {
    void loadPublishTarget().then(setTarget);
    if (folderSupported) void loadFolderState().then(setFolder);
    void hasGitToken().then(setTokenSaved);
    void loadSyncInterval().then(setSyncMinutes);
  }, [folderSupported]);
  if (!target) return null;

  const update = (next: PublishTarget) => {
    setTarget(next);
    void savePublishTarget(next);
  };

  /** Runs the background's test; answers the failure code (for a retry once access is granted). */
  const runTest = async (origins: string[]): Promise<string | null> => {
    setStatus({ tone: 'info', message: t('git_testing') });
    const answer = await sendRequest({ type: 'publish:test' });
    if (!answer.ok) {
      setStatus({ tone: 'error', message: answer.error.message });
      return answer.error.code;
    }
    const result = answer.value;
    if (result.ok) {
      setStatus({ tone: 'success', message: t('git_connected', target.git.branch) });
      return null;
    }
    let message = gitFailureMessage(result.code, { branches: result.branches });
    if (result.code === 'unreachable' && !(await browser.permissions.contains({ origins }))) {
      message = `${message} ${t('git_no_access', new URL(target.git.url).origin)}`;
    }
    setStatus({ tone: 'error', message });
    return result.code;
  };

  const onTest = () => {
    const problem = repositoryUrlProblem(target.git.url);
    if (problem) {
      setStatus({ tone: 'error', message: gitFailureMessage(problem) });
      return;
    }
    // Host access for the repository's origin only, asked within the click (the browser wants
    // a user gesture). The test runs at once: a server that allows this extension by CORS needs
    // no grant, and once the user allows, a test that could not reach the server runs again.
    const origins = [repositoryOriginPattern(target.git.url)];
    const granted = browser.permissions.request({ origins }).catch(() => false);
    void runTest(origins).then(async (code) => {
      if (code === 'unreachable' && (await granted)) await runTest(origins);
    });
  };

  /** Shows the folder's state after a pick or a grant; says so when writing is not allowed. */
  const showFolder = (state: FolderState) => {
    setFolder(state);
    setFolderStatus(
      state.access
        ? { tone: 'success', message: t('folder_ready', state.name ?? '') }
        : { tone: 'error', message: t('folder_no_access', state.name ?? '') },
    );
  };
  const folderFailed = (error: unknown) =>
    setFolderStatus({
      tone: 'error',
      message: t('folder_pick_failed', error instanceof Error ? error.message : String(error)),
    });

  return (
    <>
      <PublishTargetEditor
        kind={activeTargetKind(target, folderSupported)}
        git={target.git}
        tokenSaved={tokenSaved}
        publishOnSave={target.publishOnSave}
        status={status}
        onKind={(kind) => update({ ...target, kind })}
        onGit={(changes: Partial<GitTarget>) =>
          update({ ...target, git: { ...target.git, ...changes } })
        }
        onToken={(token) => {
          void saveGitToken(token.trim());
          setTokenSaved(Boolean(token.trim()));
        }}
        onTest={onTest}
        onPublishOnSave={(publishOnSave) => update({ ...target, publishOnSave })}
        folder={{ supported: folderSupported, ...folder, status: folderStatus }}
        onPickFolder={() =>
          void pickFolder().then((state) => state && showFolder(state), folderFailed)
        }
        onGrantFolder={() => void grantFolder().then(showFolder, folderFailed)}
      />
      {target.kind === 'git' && (
        <SyncScheduleEditor
          minutes={syncMinutes}
          choices={SYNC_INTERVALS}
          onChange={(minutes) => {
            setSyncMinutes(minutes);
            void saveSyncInterval(minutes);
          }}
        />
      )}
    </>
  );
}
