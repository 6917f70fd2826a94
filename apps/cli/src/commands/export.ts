import { type Autoencoder, toSafetensors } from '@bottleneck/autoencoder';
import { writeFileAtomic } from '@bottleneck/node-io';
import { type BackendName, useBackend } from '../backend';
import { asInput } from '../errors';
import { openModel } from '../output';

export interface ExportFlags {
  model: string;
  format: 'safetensors';
  out: string;
  backend: BackendName;
}

/** Writes a model in another format: safetensors in the lab's PyTorch `state_dict` layout. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  await useBackend(flags.backend);
  const model: Autoencoder = await openModel(flags.model);
  try {
    const bytes = toSafetensors(model, { format: 'pt', producer: 'bottleneck' });
    await asInput(`--out ${flags.out}`, () => writeFileAtomic(flags.out, bytes));
    const { inputSize, hiddenSize, bottleneckSize } = model.config;
    console.log(
      `wrote ${flags.out}: fc1..fc4 of a ${inputSize}-${hiddenSize}-${bottleneckSize} model; in PyTorch: ` +
        'model.load_state_dict(safetensors.torch.load_file(path))',
    );
  } finally {
    model.dispose();
  }
}
