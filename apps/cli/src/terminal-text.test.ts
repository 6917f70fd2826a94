import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from './terminal-text';

describe('escapeForTerminal', () => {
  it('keeps printable text, Unicode included', () => {
    expect(escapeForTerminal('out/model → weights.bin, Ünïcødé 数字')).toBe('out/model → weights.bin, Ünïcødé 数字');
  });

  it('makes every control character visible: one line stays one line, no escape sequence passes', () => {
    expect(escapeForTerminal('a\nbottleneck: forged')).toBe('a\\nbottleneck: forged');
    expect(escapeForTerminal('\x1b]0;title\x07\x1b[2J')).toBe('\\x1b]0;title\\x07\\x1b[2J');
    expect(escapeForTerminal('\r\t\x00\x7f\x9b')).toBe('\\r\\t\\x00\\x7f\\x9b');
    expect(escapeForTerminal('abc\u202edef\u2028')).toBe('abc\\u202edef\\u2028');
  });
});
