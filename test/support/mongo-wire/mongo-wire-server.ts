import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { defaultReply, helloReply, REPLICA_SET } from './replies';
import { describeCommand, type RecordedCommand } from './recorded-command';
import { decodeRequest, encodeReply, takeMessages, type Document } from './wire-codec';

const HANDSHAKE = new Set(['hello', 'isMaster', 'ismaster']);

/** Which commands a scripted reply answers: by name, collection and inside/outside a transaction. */
export type CommandMatch =
  | { command?: string; collection?: string; inTransaction?: boolean }
  | ((command: Omit<RecordedCommand, 'reply'>) => boolean);

export type ScriptedReply = Document | ((command: Omit<RecordedCommand, 'reply'>) => Document | Promise<Document>);

interface Script {
  match: CommandMatch;
  reply: ScriptedReply;
  remaining: number;
}

function matches(match: CommandMatch, command: Omit<RecordedCommand, 'reply'>): boolean {
  if (typeof match === 'function') return match(command);
  if (match.command !== undefined && match.command !== command.name) return false;
  if (match.collection !== undefined && match.collection !== command.collection) return false;
  if (match.inTransaction !== undefined && match.inTransaction !== (command.autocommit === false)) return false;
  return true;
}

/**
 * An in-process endpoint that speaks the MongoDB wire protocol as a one-member replica set
 * primary (so the real driver allows sessions and transactions), answers from scripts or
 * with defaults, and records every command it was sent. No data is stored: reads return
 * what a test scripted. Binds 127.0.0.1 on a free port.
 */
export class MongoWireServer {
  /** Every command except the handshake and monitoring `hello`s, in arrival order. */
  readonly commands: RecordedCommand[] = [];
  private scripts: Script[] = [];
  private readonly sockets = new Set<Socket>();
  private connectionIds = 0;

  private constructor(
    private readonly server: Server,
    readonly host: string,
  ) {}

  static async start(): Promise<MongoWireServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const wire = new MongoWireServer(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (socket) => wire.serve(socket));
    return wire;
  }

  /** A connection string the driver treats as the replica set this endpoint is primary of. */
  uri(dbName: string): string {
    return `mongodb://${this.host}/${dbName}?replicaSet=${REPLICA_SET}`;
  }

  /**
   * Answers matching commands with `reply`, `times` times (default: always). Later scripts
   * win over earlier ones, so a test's override beats a suite's default.
   */
  script(match: CommandMatch, reply: ScriptedReply, times = Number.POSITIVE_INFINITY): void {
    this.scripts.unshift({ match, reply, remaining: times });
  }

  once(match: CommandMatch, reply: ScriptedReply): void {
    this.script(match, reply, 1);
  }

  /** Forgets recorded commands (scripts stay). */
  clearRecord(): void {
    this.commands.length = 0;
  }

  resetScripts(): void {
    this.scripts = [];
  }

  /** Commands by name (and collection), in order. */
  sent(name: string, collection?: string): RecordedCommand[] {
    return this.commands.filter((c) => c.name === name && (collection === undefined || c.collection === collection));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    const connectionId = ++this.connectionIds;
    let pending: Buffer = Buffer.alloc(0);
    let queue: Promise<void> = Promise.resolve();
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      const { messages, rest } = takeMessages(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const message of messages) {
        // One connection carries one request at a time; the chain keeps replies in order.
        queue = queue.then(() => this.answer(socket, message, connectionId)).catch(() => {
          socket.destroy();
        });
      }
    });
  }

  private async answer(socket: Socket, message: Buffer, connectionId: number): Promise<void> {
    const request = decodeRequest(message);
    const command = describeCommand(request.command);
    let reply: Document;
    if (HANDSHAKE.has(command.name)) {
      reply = helloReply(this.host, connectionId);
    } else {
      // Recorded on arrival, so the order is the order the driver sent in.
      const recorded: RecordedCommand = { ...command, reply: {} };
      this.commands.push(recorded);
      reply = await this.replyTo(command);
      recorded.reply = reply;
    }
    if (request.expectsReply && !socket.destroyed) socket.write(encodeReply(request, reply));
  }

  private async replyTo(command: Omit<RecordedCommand, 'reply'>): Promise<Document> {
    const script = this.scripts.find((s) => s.remaining > 0 && matches(s.match, command));
    if (!script) return defaultReply(command.body, command.name, command.collection);
    script.remaining--;
    return typeof script.reply === 'function' ? script.reply(command) : script.reply;
  }
}
