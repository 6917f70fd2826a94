import {
  AttributeType,
  DataType,
  encodeModel,
  type AttributeProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './onnx-proto';

/** A dimension: a fixed size, or a name that the runtime binds per run (e.g. `rows`). */
export type Dim = number | string;

type Attribute = number | number[];

/** The opset every graph here is written against (ReduceSum takes axes as an input). */
export const OPSET = 17;

function valueInfo(name: string, dims: readonly Dim[], elemType: number = DataType.FLOAT): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function attribute(name: string, value: Attribute): AttributeProto {
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  return Number.isInteger(value)
    ? { name, type: AttributeType.INT, i: value }
    : { name, type: AttributeType.FLOAT, f: value };
}

/**
 * Writes an ONNX graph one node at a time: each `op` returns the name of its output, so a graph
 * reads like the arithmetic it computes.
 */
export class GraphBuilder {
  /**
   * The element type of every real-valued tensor: float32 for training, float64 for the
   * finite-difference tests of each op's gradient.
   */
  readonly float: number;
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly constants = new Map<string, string>();
  private count = 0;

  constructor(float: number = DataType.FLOAT) {
    this.float = float;
  }

  /** A graph input, of the graph's float type unless `elemType` says otherwise (a `DataType` value). */
  input(name: string, dims: readonly Dim[], elemType: number = this.float): string {
    this.inputs.push(valueInfo(name, dims, elemType));
    return name;
  }

  /** Declares `value` (a node's output) a graph output under its own name. */
  output(value: string, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(value, dims, this.float));
  }

  /** A float32 tensor stored in the graph (an exported model's weights). */
  initializer(name: string, dims: readonly number[], values: Float32Array): string {
    const rawData = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    this.initializers.push({ name, dims: [...dims], dataType: DataType.FLOAT, rawData });
    return name;
  }

  /** A scalar constant of the graph's float type, shared by every node that uses the same value. */
  scalar(value: number): string {
    const key = `f${value}`;
    let name = this.constants.get(key);
    if (!name) {
      name = `const_${this.constants.size}`;
      const double = this.float === DataType.DOUBLE;
      const rawData = new Uint8Array((double ? Float64Array.of(value) : Float32Array.of(value)).buffer);
      this.initializers.push({ name, dims: [], dataType: this.float, rawData });
      this.constants.set(key, name);
    }
    return name;
  }

  /** An int64 vector constant (axes, shapes). */
  int64s(values: readonly number[]): string {
    const key = `i${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = `const_${this.constants.size}`;
      const rawData = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
      this.initializers.push({ name, dims: [values.length], dataType: DataType.INT64, rawData });
      this.constants.set(key, name);
    }
    return name;
  }

  /** Appends one node; its output is named `output` or gets a fresh name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${this.count}`;
    this.count += 1;
    this.nodes.push({
      opType,
      name: `n${this.count}_${opType}`,
      input: [...inputs],
      output: [out],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /** The graph as plain data: what the tfjs interpreter runs and `build` serialises. */
  graph(name: string): GraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  /** The finished model, serialised. */
  build(name: string): Uint8Array {
    return encodeModel(modelOf(this.graph(name)));
  }
}

/** A graph as a whole ONNX model, opset `OPSET`. */
export function modelOf(graph: GraphProto): ModelProto {
  return { irVersion: 8, producerName: 'bottleneck', opsetImport: [{ domain: '', version: OPSET }], graph };
}
