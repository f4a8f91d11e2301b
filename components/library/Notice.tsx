import { t } from '@/lib/i18n';

export interface NoticeProps {
  tone: 'info' | 'success' | 'error';
  message: string;
  /** A list under the message (files an import skipped, with why). */
  details?: string[];
  action?: { label: string; run(): void; testId?: string };
  onDismiss?(): void;
}

export default function Notice({ tone, message, details, action, onDismiss }: NoticeProps) {
  return (
    <div
      class={`notice notice-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <p>
        {message}
        {action && (
          <button
            type="button"
            class="link-button"
            data-testid={action.testId}
            onClick={action.run}
          >
            {action.label}
          </button>
        )}
        {onDismiss && (
          <button
            type="button"
            class="link-button dismiss"
            aria-label={t('notice_dismiss')}
            onClick={onDismiss}
          >
            ×
          </button>
        )}
      </p>
      {details && details.length > 0 && (
        <ul class="notice-details" data-testid="notice-details">
          {details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
