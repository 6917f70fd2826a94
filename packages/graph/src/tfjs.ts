export type { InterpreterOptions } from './tfjs/interpreter';
export { GraphInterpreter } from './tfjs/interpreter';
