import { CheckpointError, TrainingDivergedError } from '@bottleneck/train';
import { ModelFormatError } from '@bottleneck/autoencoder';
import { IdxFormatError } from '@bottleneck/mnist';
import { FileError } from '@bottleneck/node-io';

/** Bad input from the user (a flag, a file, a folder): printed as one line, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A run stopped by SIGINT or SIGTERM after keeping its work: exit 130 or 143. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor(
    readonly signal: NodeJS.Signals,
    message: string,
  ) {
    super(message);
  }

  get exitCode(): number {
    return this.signal === 'SIGTERM' ? 143 : 130;
  }
}

/** Errors the packages raise for bad files or data: the user's input, not a bug. */
export function isInputProblem(error: unknown): error is Error {
  return (
    error instanceof InputError ||
    error instanceof FileError ||
    error instanceof ModelFormatError ||
    error instanceof CheckpointError ||
    error instanceof IdxFormatError
  );
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

/**
 * The one line and exit code for an error that ends the CLI; a bug (any other error) keeps its
 * stack trace, several lines.
 */
export function describeFailure(error: unknown): { message: string; code: number; trace: boolean } {
  if (error instanceof StoppedError) return { message: error.message, code: error.exitCode, trace: false };
  if (isInputProblem(error)) return { message: error.message, code: 2, trace: false };
  if (error instanceof TrainingDivergedError) return { message: error.message, code: 1, trace: false };
  return { message: (error as Error).stack ?? String(error), code: 1, trace: true };
}
