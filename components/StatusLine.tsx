export interface StatusLineProps {
  tone: 'info' | 'success' | 'error';
  message: string;
  /** Label and action of a button after the message, e.g. Undo. */
  action?: { label: string; run(): void };
}

export default function StatusLine({ tone, message, action }: StatusLineProps) {
  return (
    <p class={`status status-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span data-testid="status">{message}</span>
      {action && (
        <button type="button" class="link-button" data-testid="undo-button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </p>
  );
}
