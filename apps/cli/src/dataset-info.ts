import { basename, resolve } from 'node:path';
import type { Mnist } from '@bottleneck/mnist';
import { InvalidArgumentError } from 'commander';
import { InputError } from './errors';

/** What the figures and the report call the data and its classes. */
export interface DatasetInfo {
  name: string;
  /** The name of each label value 0, 1, …. */
  classNames: string[];
}

/** Labels are bytes in IDX files: at most 256 classes. */
const MAX_CLASSES = 256;
const MAX_NAME = 40;
// printable, no markup or control characters: names go into SVG, Markdown and the terminal
const NAME = /^[\p{L}\p{N} _.,'()/&+-]+$/u;

function checkName(name: string, flag: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_NAME || !NAME.test(trimmed)) {
    throw new InvalidArgumentError(
      `expected ${flag === '--class-names' ? 'names' : 'a name'} of 1-${MAX_NAME} letters, digits, spaces or ._,'()/&+-.`,
    );
  }
  return trimmed;
}

/** `--data-name`. */
export const datasetName = (value: string): string => checkName(value, '--data-name');

/** `--class-names`: comma-separated, one per label value from 0. */
export function classNameList(value: string): string[] {
  const names = value.split(',').map((n) => checkName(n, '--class-names'));
  if (names.length > MAX_CLASSES) throw new InvalidArgumentError(`expected at most ${MAX_CLASSES} names.`);
  return names;
}

export interface DatasetFlags {
  data?: string;
  dataName?: string;
  classNames?: string[];
}

/**
 * The data's name (`--data-name`, else `MNIST` for the shipped copy or the folder's name) and
 * class names (`--class-names`, else the label values), checked to name every label present.
 */
export function datasetInfo(mnist: Mnist, flags: DatasetFlags): DatasetInfo {
  const name = flags.dataName ?? (flags.data ? basename(resolve(flags.data)) : 'MNIST');
  let maxLabel = 0;
  for (const split of [mnist.train, mnist.test]) {
    for (const label of split.labels) maxLabel = Math.max(maxLabel, label);
  }
  if (flags.classNames && flags.classNames.length <= maxLabel) {
    throw new InputError(
      `--class-names: ${flags.classNames.length} names, but the data has labels up to ${maxLabel}; give one per label from 0`,
    );
  }
  const classNames = flags.classNames ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  return { name, classNames };
}
