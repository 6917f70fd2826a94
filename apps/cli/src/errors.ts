/** Bad input from the user (a flag, a file, a folder): printed as one line, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Runs `f`, turning any error into an InputError that starts with `context`. */
export async function asInput<T>(context: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    throw new InputError(message.startsWith(context) ? message : `${context}: ${message}`);
  }
}
