/** The popup's publish status line. */
export interface PublishStatus {
  tone: 'info' | 'success' | 'error';
  message: string;
  /** The folder's grant lapsed: a button asks for it again and publishes (a new click). */
  grant?: boolean;
}
