import { describe, expect, it } from 'vitest';
import { trainingStepGraph } from './graphs/model-graphs';
import { mlpSpec } from './model-spec';
import { serializeGraph } from './serialize';
import { AttributeType, DataType, decodeModel, encodeModel, type ModelProto } from './onnx-proto';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function tinyModel(graph: Partial<ModelProto['graph']> = {}): ModelProto {
  return {
    irVersion: 8,
    producerName: 'b',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'g', node: [], initializer: [], input: [], output: [], ...graph },
  };
}

describe('encodeModel', () => {
  it('writes the wire format onnx.proto declares, field by field', () => {
    // ModelProto: ir_version (1, varint) 8; producer_name (2) "b"; graph (7) { name (2) "g" };
    // opset_import (8) { version (2) 17 }, its empty domain left out as protobuf writers do
    expect(hex(encodeModel(tinyModel()))).toBe('0808' + '120162' + '3a03120167' + '42021011');
  });

  it('packs repeated integers and leaves out scalars at their default', () => {
    const model = tinyModel({
      initializer: [{ name: 't', dims: [2, 300], dataType: DataType.INT64, rawData: Uint8Array.of(1) }],
      node: [
        {
          opType: 'R',
          input: ['t'],
          output: ['o'],
          attribute: [{ name: 'k', type: AttributeType.INT, i: 0 }],
        },
      ],
    });
    const graph = hex(encodeModel(model)).split('3a')[1]!;
    // node (1): input (1) "t", output (2) "o", op_type (4) "R", attribute (5) { name "k", type (20) 2 }
    expect(graph).toContain('0a110a01741201' + '6f' + '2201522a' + '060a016ba00102');
    // initializer (5): dims (1) packed [2, 300], data_type (2) 7, name (8) "t", raw_data (9) [1]
    expect(graph).toContain('2a0d0a0302ac02' + '1007' + '420174' + '4a0101');
  });

  it('reads back what it writes, defaults as absent fields', () => {
    const model = tinyModel({
      input: [
        {
          name: 'x',
          type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'rows' }, { dimValue: 4 }] } } },
        },
      ],
      node: [
        {
          opType: 'Gemm',
          name: 'n',
          input: ['x', 'w'],
          output: ['y'],
          attribute: [{ name: 'alpha', type: AttributeType.FLOAT, f: 0.5 }],
        },
        {
          opType: 'ReduceSum',
          input: ['y'],
          output: ['z'],
          attribute: [{ name: 'axes', type: AttributeType.INTS, ints: [1, -1] }],
        },
      ],
    });
    // what was left out at its default reads back as absent
    const { initializer, output, ...graph } = model.graph;
    expect(decodeModel(encodeModel(model))).toEqual({ ...model, graph, opsetImport: [{ version: 17 }] });
  });

  it('encodes the lab model training graph, which ONNX Runtime runs in the engine tests, unchanged by a round trip', () => {
    const bytes = serializeGraph(
      trainingStepGraph(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }), {
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 1e-5,
      }),
    );
    expect(hex(encodeModel(decodeModel(bytes)))).toBe(hex(bytes));
  });
});
