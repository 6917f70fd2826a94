import type { App } from '../app';
import { dropZone } from '../drop-zone';
import { LabModel } from '../lab-model';
import { modelDownloads, modelFromPickedFiles } from '../model-files';
import { describeSpec } from '../network-diagram';
import { byId } from '../render';

/** Saves the page's model and loads one (the CLI's model.json + weights.bin, or .safetensors). */
export function modelSection(app: App, restorePretrained: () => Promise<void>) {
  const picker = byId<HTMLInputElement>('model-files');
  const error = byId('model-error');
  const restore = byId<HTMLButtonElement>('model-restore');
  const ok = byId('model-ok');
  dropZone(byId('model'), picker);

  const fail = (message: string) => {
    ok.textContent = '';
    error.textContent = message.split('\n')[0]!;
    error.hidden = false;
  };

  async function download(which: (name: string) => boolean): Promise<void> {
    error.hidden = true;
    const files = (await modelDownloads(app.lab.model, app.modelMetadata)).filter((f) => which(f.name));
    for (const { name, blob } of files) {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }
  }

  byId('model-download').addEventListener('click', () =>
    download((n) => n !== 'model.safetensors').catch((e: unknown) => fail((e as Error).message)),
  );
  byId('model-download-safetensors').addEventListener('click', () =>
    download((n) => n === 'model.safetensors').catch((e: unknown) => fail((e as Error).message)),
  );

  picker.addEventListener('change', async () => {
    const files = [...(picker.files ?? [])];
    error.hidden = true;
    try {
      // every check runs in modelFromPickedFiles: the page's model is only replaced once it has passed
      const { model, metadata, name } = await modelFromPickedFiles(files, app.lab.inputSize);
      const shape = describeSpec(model.spec);
      await app.setModel(new LabModel(model), `loaded from ${name} (${shape})`, {
        ...metadata,
        source: name,
      });
      restore.disabled = false;
      ok.textContent = `Loaded ${name}: a ${shape} model, now used in every section.`;
    } catch (e) {
      fail((e as Error).message);
    } finally {
      picker.value = '';
      // for tests and scripts: how many picks have been fully handled
      picker.dataset.handled = String(Number(picker.dataset.handled ?? 0) + 1);
    }
  });

  restore.addEventListener('click', async () => {
    error.hidden = true;
    await restorePretrained();
    // the button goes away under the focus: keep the focus in this panel
    if (document.activeElement === restore) byId('model-download').focus();
    restore.disabled = true;
    ok.textContent = 'Back to the shipped model.';
  });

  return {
    /** The pretrained model was replaced (trained over, or another loaded): offer it back. */
    modelChanged: () => {
      restore.disabled = false;
    },
  };
}
