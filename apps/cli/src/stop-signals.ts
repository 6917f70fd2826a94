/**
 * Ctrl-C (SIGINT) and SIGTERM while training: the first asks the run to stop after the current
 * batch (the work of complete epochs is kept); a second one exits at once, after `restore` has
 * put the terminal back (e.g. shown the cursor a progress bar hid).
 */
export function listenForStop(controller: AbortController, restore: () => void) {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      restore();
      process.stderr.write(`\nbottleneck: ${signal} again: exiting now\n`);
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    }
    received = signal;
    process.stderr.write(`\nbottleneck: ${signal}: stopping after this batch (again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get received(): NodeJS.Signals | undefined {
      return received;
    },
    dispose(): void {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
