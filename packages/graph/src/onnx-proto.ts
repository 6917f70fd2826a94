import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT64: 7, DOUBLE: 11 } as const;
/** AttributeProto.AttributeType values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export interface TensorProto {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  ints?: number[];
}

export interface NodeProto {
  opType: string;
  input: string[];
  output: string[];
  name?: string;
  attribute?: AttributeProto[];
}

/** A tensor's declared type: float32 with fixed sizes, or named symbolic ones (e.g. `rows`). */
export interface ValueInfoProto {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  graph: GraphProto;
  opsetImport: { domain: string; version: number }[];
}

type Scalar = 'int32' | 'int64' | 'float' | 'string' | 'bytes';
/** One field of a message as onnx.proto (proto2, onnx/onnx) declares it; names in camelCase. */
interface Field {
  no: number;
  name: string;
  kind: Scalar | Message;
  repeated?: boolean;
}
type Message = readonly Field[];

// The part of onnx.proto that a model needs: field numbers and types as upstream declares them.
const OPERATOR_SET_ID: Message = [
  { no: 1, name: 'domain', kind: 'string' },
  { no: 2, name: 'version', kind: 'int64' },
];
const TENSOR: Message = [
  { no: 1, name: 'dims', kind: 'int64', repeated: true },
  { no: 2, name: 'dataType', kind: 'int32' },
  { no: 8, name: 'name', kind: 'string' },
  { no: 9, name: 'rawData', kind: 'bytes' },
];
const ATTRIBUTE: Message = [
  { no: 1, name: 'name', kind: 'string' },
  { no: 2, name: 'f', kind: 'float' },
  { no: 3, name: 'i', kind: 'int64' },
  { no: 8, name: 'ints', kind: 'int64', repeated: true },
  { no: 20, name: 'type', kind: 'int32' },
];
const NODE: Message = [
  { no: 1, name: 'input', kind: 'string', repeated: true },
  { no: 2, name: 'output', kind: 'string', repeated: true },
  { no: 3, name: 'name', kind: 'string' },
  { no: 4, name: 'opType', kind: 'string' },
  { no: 5, name: 'attribute', kind: ATTRIBUTE, repeated: true },
];
const DIMENSION: Message = [
  { no: 1, name: 'dimValue', kind: 'int64' },
  { no: 2, name: 'dimParam', kind: 'string' },
];
const TENSOR_SHAPE: Message = [{ no: 1, name: 'dim', kind: DIMENSION, repeated: true }];
const TENSOR_TYPE: Message = [
  { no: 1, name: 'elemType', kind: 'int32' },
  { no: 2, name: 'shape', kind: TENSOR_SHAPE },
];
const TYPE: Message = [{ no: 1, name: 'tensorType', kind: TENSOR_TYPE }];
const VALUE_INFO: Message = [
  { no: 1, name: 'name', kind: 'string' },
  { no: 2, name: 'type', kind: TYPE },
];
const GRAPH: Message = [
  { no: 1, name: 'node', kind: NODE, repeated: true },
  { no: 2, name: 'name', kind: 'string' },
  { no: 5, name: 'initializer', kind: TENSOR, repeated: true },
  { no: 11, name: 'input', kind: VALUE_INFO, repeated: true },
  { no: 12, name: 'output', kind: VALUE_INFO, repeated: true },
];
const MODEL: Message = [
  { no: 1, name: 'irVersion', kind: 'int64' },
  { no: 2, name: 'producerName', kind: 'string' },
  { no: 7, name: 'graph', kind: GRAPH },
  { no: 8, name: 'opsetImport', kind: OPERATOR_SET_ID, repeated: true },
];

type Value = number | string | Uint8Array | Record<string, unknown>;
const isPackable = (kind: Field['kind']) => kind === 'int32' || kind === 'int64' || kind === 'float';

function writeScalar(w: BinaryWriter, kind: Scalar, value: Value): void {
  if (kind === 'string') w.string(value as string);
  else if (kind === 'bytes') w.bytes(value as Uint8Array);
  else if (kind === 'float') w.float(value as number);
  else if (kind === 'int64') w.int64(value as number);
  else w.int32(value as number);
}

function wireType(kind: Field['kind']): WireType {
  if (kind === 'float') return WireType.Bit32;
  return kind === 'int32' || kind === 'int64' ? WireType.Varint : WireType.LengthDelimited;
}

function writeValue(w: BinaryWriter, field: Field, value: Value): void {
  w.tag(field.no, wireType(field.kind));
  if (typeof field.kind === 'string') writeScalar(w, field.kind, value);
  else writeMessage(w.fork(), field.kind, value as Record<string, unknown>).join();
}

/** Fields in number order, as protobuf writers do (and protobufjs before); repeated numbers packed. */
function writeMessage(w: BinaryWriter, message: Message, object: Record<string, unknown>): BinaryWriter {
  for (const field of message) {
    const value = object[field.name] as Value | Value[] | undefined;
    if (value === undefined || value === null) continue;
    if (!field.repeated) {
      // a scalar at its default (0, '') is left out: readers see the same value, in fewer bytes
      if (value !== 0 && value !== '') writeValue(w, field, value as Value);
    } else if ((value as Value[]).length === 0) continue;
    else if (isPackable(field.kind)) {
      w.tag(field.no, WireType.LengthDelimited).fork();
      for (const v of value as Value[]) writeScalar(w, field.kind as Scalar, v);
      w.join();
    } else for (const v of value as Value[]) writeValue(w, field, v);
  }
  return w;
}

function readScalar(r: BinaryReader, kind: Scalar): Value {
  if (kind === 'string') return r.string();
  if (kind === 'bytes') return r.bytes().slice();
  if (kind === 'float') return r.float();
  if (kind === 'int64') return Number(r.int64());
  return r.int32();
}

function readMessage(r: BinaryReader, message: Message, end: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  while (r.pos < end) {
    const [no, wire] = r.tag();
    const field = message.find((f) => f.no === no);
    if (!field) {
      r.skip(wire);
      continue;
    }
    const { kind } = field;
    const values: Value[] = [];
    if (typeof kind !== 'string') values.push(readMessage(r, kind, r.uint32() + r.pos));
    else if (field.repeated && isPackable(kind) && wire === WireType.LengthDelimited) {
      const stop = r.uint32() + r.pos;
      while (r.pos < stop) values.push(readScalar(r, kind));
    } else values.push(readScalar(r, kind));
    if (field.repeated) object[field.name] = [...((object[field.name] as Value[] | undefined) ?? []), ...values];
    else object[field.name] = values[0];
  }
  return object;
}

/** Serialises a model to ONNX's protobuf wire format, ready for `InferenceSession.create`. */
export function encodeModel(model: ModelProto): Uint8Array {
  return writeMessage(new BinaryWriter(), MODEL, model as unknown as Record<string, unknown>).finish();
}

/** Reads a model back (for tests and inspection); fields that are absent stay absent. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return readMessage(new BinaryReader(bytes), MODEL, bytes.length) as unknown as ModelProto;
}
