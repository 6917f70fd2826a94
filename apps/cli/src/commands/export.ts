import { join } from 'node:path';
import { type Autoencoder, ONNX_EXPORT_OPSET, toLayersModel, toOnnx, toSafetensors } from '@bottleneck/autoencoder';
import { layerWidths, type ModelPart, parameterLayout, parameterName, partLayers } from '@bottleneck/graph';
import { type BackendName, useBackend } from '../backend';
import { asInput } from '../errors';
import { ensureWritableDir, openModel, writeOutputFile } from '../output';
import { say } from '../terminal-text';

export interface ExportFlags {
  model: string;
  format: 'safetensors' | 'tfjs-layers' | 'onnx';
  /** onnx: the whole model, or its encoder or decoder. */
  part: ModelPart;
  out: string;
  backend: BackendName;
}

/** A tfjs LayersModel folder: the weights first, then the model.json that names them. */
async function writeLayersModel(model: Autoencoder, flags: ExportFlags): Promise<void> {
  // a LayersModel holds dense layers only: another model is the user's choice of format, one line
  const { modelJson, weights } = await asInput('--format tfjs-layers', () => toLayersModel(model));
  await ensureWritableDir(flags.out, `--out ${flags.out}`);
  await writeOutputFile(join(flags.out, 'weights.bin'), weights, `--out ${flags.out}`);
  await writeOutputFile(join(flags.out, 'model.json'), `${JSON.stringify(modelJson)}\n`, `--out ${flags.out}`);
  say(`wrote ${join(flags.out, 'model.json')} and weights.bin: tf.loadLayersModel('…/model.json') loads it`);
}

/** An ONNX model of the inference graph (or one part of it) with the weights stored in it. */
async function writeOnnx(model: Autoencoder, flags: ExportFlags): Promise<void> {
  await writeOutputFile(flags.out, toOnnx(model, flags.part), `--out ${flags.out}`);
  const widths = layerWidths(model.spec);
  const [from, to] = partLayers(model.spec, flags.part);
  say(
    `wrote ${flags.out}: the ${flags.part} (x [rows, ${widths[from]}] → y [rows, ${widths[to]}]), ONNX opset ` +
      `${ONNX_EXPORT_OPSET}; onnxruntime-node or onnxruntime-web: InferenceSession.create(bytes)`,
  );
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
    if (flags.format === 'onnx') return await writeOnnx(model, flags);
    const bytes = toSafetensors(model, { format: 'pt', producer: 'bottleneck' });
    await writeOutputFile(flags.out, bytes, `--out ${flags.out}`);
    const names = parameterLayout(model.spec).map((p) => parameterName(p, 'safetensors'));
    say(
      `wrote ${flags.out}: ${names.length} tensors (${names[0]} … ${names.at(-1)}) in the PyTorch module's state_dict layout; ` +
        'model.load_state_dict(safetensors.torch.load_file(path))',
    );
  } finally {
    model.dispose();
  }
}
