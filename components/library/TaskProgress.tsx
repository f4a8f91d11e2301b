import { t } from '@/lib/i18n';

export interface TaskProgressProps {
  label: string;
  done: number;
  total: number;
  onCancel?(): void;
}

/** A long job (export, import, backup): how far it is, and a way to stop it. */
export default function TaskProgress({ label, done, total, onCancel }: TaskProgressProps) {
  return (
    <div class="task-progress" data-testid="task-progress" role="status">
      <span>{label}</span>
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />
      <span data-testid="task-count">
        {done.toLocaleString()} / {total.toLocaleString()}
      </span>
      {onCancel && (
        <button type="button" data-testid="task-cancel" onClick={onCancel}>
          {t('task_cancel')}
        </button>
      )}
    </div>
  );
}
