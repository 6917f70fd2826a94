#!/usr/bin/env node
import { run } from './cli';

// no top-level await: the CLI's modules are also built as CommonJS
run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
