/**
 * Makes `zone` take dropped files for `input`: they go through the input's own `change` handler,
 * so a drop is checked exactly as a pick is.
 */
export function dropZone(zone: HTMLElement, input: HTMLInputElement): void {
  const over = (on: boolean) => zone.classList.toggle('over', on);
  zone.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files') || input.disabled) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    over(true);
  });
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget as Node | null)) over(false);
  });
  zone.addEventListener('drop', (e) => {
    over(false);
    if (!e.dataTransfer?.files.length || input.disabled) return;
    e.preventDefault();
    input.files = e.dataTransfer.files;
    input.dispatchEvent(new Event('change'));
  });
}
