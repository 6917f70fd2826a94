/** The runnable part of a package README: its `npm install` line and its first `js` block. */
export interface ReadmeSnippet {
  /** Environment settings written before `npm` (e.g. `ONNXRUNTIME_NODE_INSTALL=skip`). */
  env: Record<string, string>;
  /** The arguments after `npm install`. */
  install: string[];
  code: string;
}

const FENCE = '```';

function block(markdown: string, lang: string): string | undefined {
  return new RegExp(`${FENCE}${lang}\\n([\\s\\S]*?)${FENCE}`).exec(markdown)?.[1];
}

/** Reads a README's snippet; throws naming what is missing, so a README without one fails its test. */
export function readmeSnippet(markdown: string): ReadmeSnippet {
  const line = block(markdown, 'sh')
    ?.split('\n')
    .find((l) => /(^|\s)npm install /.test(l));
  const code = block(markdown, 'js');
  if (!line || !code) throw new Error('README: expected a ```sh block with `npm install …` and a ```js block');
  const words = line.replace(/#.*/, '').trim().split(/\s+/);
  const npm = words.indexOf('npm');
  const env = Object.fromEntries(words.slice(0, npm).map((w) => w.split('=') as [string, string]));
  return { env, install: words.slice(npm + 2), code };
}
