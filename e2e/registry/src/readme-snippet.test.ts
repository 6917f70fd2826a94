import { describe, expect, it } from 'vitest';
import { readmeSnippet } from './readme-snippet';

describe('readmeSnippet', () => {
  it('takes the install line with its environment and the first js block', () => {
    const readme = [
      '# x',
      '```sh',
      'ONNXRUNTIME_NODE_INSTALL=skip npm install a @b/c  # both',
      '```',
      '```js',
      "console.log('hi');",
      '```',
      '```js',
      'later();',
      '```',
    ].join('\n');
    expect(readmeSnippet(readme)).toEqual({
      env: { ONNXRUNTIME_NODE_INSTALL: 'skip' },
      install: ['a', '@b/c'],
      code: "console.log('hi');\n",
    });
  });

  it('refuses a README without a runnable snippet', () => {
    expect(() => readmeSnippet('# x\n```sh\nnpm install a\n```\n')).toThrow(/```js block/);
  });
});
