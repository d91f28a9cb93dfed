/**
 * IngestError: input that cannot be stored as given. Its message starts with `file:line:` and says which column
 * and why, so the user can fix the input; nothing of the failed command is stored.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
}
