export interface StatusLineProps {
  tone: 'info' | 'success' | 'error';
  message: string;
}

export default function StatusLine({ tone, message }: StatusLineProps) {
  return (
    <p
      class={`status status-${tone}`}
      data-testid="status"
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {message}
    </p>
  );
}
