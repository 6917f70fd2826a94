import { join } from 'node:path';
import { type Autoencoder, toLayersModel, toSafetensors } from '@bottleneck/autoencoder';
import { type BackendName, useBackend } from '../backend';
import { ensureWritableDir, openModel, writeOutputFile } from '../output';
import { say } from '../terminal-text';

export interface ExportFlags {
  model: string;
  format: 'safetensors' | 'tfjs-layers';
  out: string;
  backend: BackendName;
}

/** A tfjs LayersModel folder: the weights first, then the model.json that names them. */
async function writeLayersModel(model: Autoencoder, flags: ExportFlags): Promise<void> {
  const { modelJson, weights } = await toLayersModel(model);
  await ensureWritableDir(flags.out, `--out ${flags.out}`);
  await writeOutputFile(join(flags.out, 'weights.bin'), weights, `--out ${flags.out}`);
  await writeOutputFile(join(flags.out, 'model.json'), `${JSON.stringify(modelJson)}\n`, `--out ${flags.out}`);
  say(`wrote ${join(flags.out, 'model.json')} and weights.bin: tf.loadLayersModel('…/model.json') loads it`);
}

/**
 * Writes a model in another format: safetensors in the lab's PyTorch `state_dict` layout, or a
 * tfjs LayersModel folder.
 */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  await useBackend(flags.backend);
  const model: Autoencoder = await openModel(flags.model);
  try {
    if (flags.format === 'tfjs-layers') return await writeLayersModel(model, flags);
    const bytes = toSafetensors(model, { format: 'pt', producer: 'bottleneck' });
    await writeOutputFile(flags.out, bytes, `--out ${flags.out}`);
    const { inputSize, hiddenSize, bottleneckSize } = model.config;
    say(
      `wrote ${flags.out}: fc1..fc4 of a ${inputSize}-${hiddenSize}-${bottleneckSize} model; in PyTorch: ` +
        'model.load_state_dict(safetensors.torch.load_file(path))',
    );
  } finally {
    model.dispose();
  }
}
