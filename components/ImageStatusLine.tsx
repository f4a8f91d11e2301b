import type { ImageStatus } from '@/lib/assets/image-status';
import { t, type MessageKey } from '@/lib/i18n';
import type { ImageFailure } from '@/lib/model';

export interface ImageStatusLineProps {
  status: ImageStatus;
  /** Offered when images were kept remote (the library's reader): fetch them again. */
  onRetry?(): void;
  retrying?: boolean;
}

const FAILURE_MESSAGES: Record<ImageFailure, MessageKey> = {
  unreachable: 'image_failure_unreachable',
  'not-an-image': 'image_failure_not_an_image',
  'too-large': 'image_failure_too_large',
  'article-limit': 'image_failure_article_limit',
  'storage-full': 'image_failure_storage_full',
  'no-access': 'image_failure_no_access',
};

function headline(status: ImageStatus): string {
  switch (status.state) {
    case 'off':
      return t('images_off');
    case 'saving':
      return t('images_saving', String(status.done), String(status.total));
    case 'storage-full':
      return t('images_storage_full');
    case 'done':
      return t('images_saved', String(status.saved), String(status.total));
  }
}

/** What became of the saved article's images: progress, then "N of M images saved" and the rest. */
export default function ImageStatusLine({ status, onRetry, retrying }: ImageStatusLineProps) {
  const remote = status.state === 'done' ? status.remote : [];
  return (
    <div class="image-status" role="status">
      <p data-testid="image-status">{headline(status)}</p>
      {remote.length > 0 && (
        <details data-testid="image-remote">
          <summary>{t('images_kept_remote', String(remote.length), String(status.total))}</summary>
          <ul>
            {remote.map((image) => (
              <li key={image.url}>
                <code>{image.url.startsWith('data:') ? 'data:' : image.url}</code> —{' '}
                {t(FAILURE_MESSAGES[image.failure])}
              </li>
            ))}
          </ul>
        </details>
      )}
      {remote.length > 0 && onRetry && (
        <button type="button" data-testid="image-retry" disabled={retrying} onClick={onRetry}>
          {retrying ? t('images_retrying') : t('images_retry')}
        </button>
      )}
    </div>
  );
}
