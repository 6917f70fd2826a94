// Seconds per epoch as the page reports them, per training backend:
//   node scripts/train-speed.mjs <url> [images] [backends, comma-separated]
// One epoch, batch 256 (or $BATCH), from the pretrained model (fine-tune: no confirmation), in Chromium with
// SwiftShader WebGL and WebGPU (--enable-unsafe-webgpu). Backends are the page's training engines: tfjs's
// (wasm, webgl, webgpu, cpu) and ONNX Runtime Web's (onnx-wasm: threaded when cross-origin isolated;
// onnx-webgpu). Prints the page's own status lines.
import { launch } from './chromium.mjs';

const [url = 'http://127.0.0.1:4173/', images = '1000', list = 'wasm,onnx-wasm,webgl,webgpu,onnx-webgpu,cpu'] =
  process.argv.slice(2);
const { context, close } = await launch({ webgpu: true });
const page = await context.newPage();
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
// the backend menu is inside the training section's diagnostics (a closed details element)
await page.evaluate(() => document.querySelector('#train details.diagnostics')?.setAttribute('open', ''));
for (const backend of list.split(',')) {
  await page.selectOption('#train-mode', 'finetune');
  await page.selectOption('#train-count', images);
  await page.fill('#train-epochs', '1');
  await page.fill('#train-batch', process.env.BATCH ?? '256');
  await page.selectOption('#train-backend', backend);
  await page.click('#train-start');
  await page.waitForFunction(
    () => /done|error|stopped/.test(document.querySelector('#train-status').dataset.state),
    null,
    { timeout: 900_000, polling: 500 },
  );
  console.log(
    JSON.stringify({
      backend,
      engine: await page.getAttribute('#train-status', 'data-backend'),
      images: Number(images),
      secondsPerEpoch: /^done/.test(await page.textContent('#train-status'))
        ? Number(await page.getAttribute('#train-status', 'data-seconds-per-epoch'))
        : null,
      status: await page.textContent('#train-status'),
      probe: await page.textContent('#train-probe'),
      model: await page.textContent('#model-info'),
    }),
  );
}
await close();
