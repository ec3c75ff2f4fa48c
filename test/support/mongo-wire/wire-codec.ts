import { mongo } from 'mongoose';

/**
 * The two message shapes a modern driver sends: OP_QUERY for the very first handshake
 * (before it knows the server speaks OP_MSG) and OP_MSG for everything else. Decoded with
 * the driver's own bson, so Long, Binary and ObjectId round-trip exactly as on a server.
 */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_BYTES = 16;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

export type Document = Record<string, unknown>;

export interface WireRequest {
  requestId: number;
  opCode: typeof OP_QUERY | typeof OP_MSG;
  /** The command document, with OP_MSG document sequences folded in as arrays. */
  command: Document;
  /** OP_MSG moreToCome: the client expects no reply (unacknowledged writes). */
  expectsReply: boolean;
}

const { BSON } = mongo;

function readCString(buffer: Buffer, offset: number): { value: string; next: number } {
  const end = buffer.indexOf(0, offset);
  return { value: buffer.toString('utf8', offset, end), next: end + 1 };
}

function readDocument(buffer: Buffer, offset: number): { doc: Document; next: number } {
  const size = buffer.readInt32LE(offset);
  return { doc: BSON.deserialize(buffer.subarray(offset, offset + size)) as Document, next: offset + size };
}

function decodeOpMsg(message: Buffer): Pick<WireRequest, 'command' | 'expectsReply'> {
  const flags = message.readUInt32LE(HEADER_BYTES);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let command: Document = {};
  const sequences: Document = {};
  for (let offset = HEADER_BYTES + 4; offset < end; ) {
    const kind = message[offset++];
    if (kind === 0) {
      const read = readDocument(message, offset);
      command = read.doc;
      offset = read.next;
    } else {
      const sectionEnd = offset + message.readInt32LE(offset);
      const id = readCString(message, offset + 4);
      const docs: Document[] = [];
      for (let at = id.next; at < sectionEnd; ) {
        const read = readDocument(message, at);
        docs.push(read.doc);
        at = read.next;
      }
      sequences[id.value] = docs;
      offset = sectionEnd;
    }
  }
  return { command: { ...command, ...sequences }, expectsReply: (flags & MORE_TO_COME) === 0 };
}

function decodeOpQuery(message: Buffer): Pick<WireRequest, 'command' | 'expectsReply'> {
  const collection = readCString(message, HEADER_BYTES + 4);
  const { doc } = readDocument(message, collection.next + 8);
  const [db] = collection.value.split('.');
  return { command: { ...doc, $db: db }, expectsReply: true };
}

/** Splits complete messages off the front of `buffer`; returns them and the remainder. */
export function takeMessages(buffer: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (buffer.length - offset < length) break;
    messages.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

export function decodeRequest(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return { requestId, opCode, ...decodeOpMsg(message) };
  if (opCode === OP_QUERY) return { requestId, opCode, ...decodeOpQuery(message) };
  throw new Error(`mongo-wire: unsupported opCode ${opCode} (compression is not negotiated)`);
}

let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeInt32LE(length, 0);
  bytes.writeInt32LE(nextResponseId++, 4);
  bytes.writeInt32LE(responseTo, 8);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

/** The reply in the request's own dialect: OP_REPLY to OP_QUERY, OP_MSG to OP_MSG. */
export function encodeReply(request: WireRequest, reply: Document): Buffer {
  const body = Buffer.from(BSON.serialize(reply));
  if (request.opCode === OP_MSG) {
    const prefix = Buffer.alloc(5); // flagBits 0, then a kind-0 section
    return Buffer.concat([header(HEADER_BYTES + prefix.length + body.length, request.requestId, OP_MSG), prefix, body]);
  }
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(HEADER_BYTES + fields.length + body.length, request.requestId, OP_REPLY), fields, body]);
}
