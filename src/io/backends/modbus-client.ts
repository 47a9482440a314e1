import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';

// A Modbus TCP client for the four function codes auxio needs, after "MODBUS Application Protocol
// Specification V1.1b3" (PDUs, §6.1 0x01, §6.2 0x02, §6.4 0x04, §6.5 0x05, §7 exceptions) and
// "MODBUS Messaging on TCP/IP Implementation Guide V1.0b" (§3.1.3 the MBAP header).

/** MBAP header: transaction id, protocol id (0 = Modbus), length (unit id + PDU), unit id. */
const MBAP_BYTES = 7;
/** An ADU is at most 260 bytes (Implementation Guide §3.1.3); anything longer is a broken stream. */
const MAX_ADU_BYTES = 260;

export const FunctionCode = { readCoils: 0x01, readDiscreteInputs: 0x02, readInputRegisters: 0x04, writeSingleCoil: 0x05 } as const;

/** Spec §7's exception codes, for messages a person can act on. */
const EXCEPTIONS: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

/** The server answered with an exception PDU: the link is fine, the request was refused. */
export class ModbusException extends Error {
  constructor(
    readonly functionCode: number,
    readonly exceptionCode: number,
  ) {
    super(`Modbus exception ${exceptionCode} (${EXCEPTIONS[exceptionCode] ?? 'unknown'}) to function 0x${functionCode.toString(16).padStart(2, '0')}`);
    this.name = 'ModbusException';
  }
}

export interface ModbusClientOptions {
  host: string;
  port: number;
  unitId: number;
  /** How long a connect or one request may take before the connection is given up. */
  timeoutMs: number;
}

interface Pending {
  tid: number;
  fc: number;
  resolve: (pdu: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One TCP connection to one Modbus server, one request in flight at a time: small I/O modules
 * often serve a single transaction per connection, and order is kept so a write is never
 * overtaken by a poll. Any link error or timeout closes the connection (a late answer would
 * otherwise be read as the next one's); `close` tells the owner, who reconnects.
 */
export class ModbusTcpClient extends EventEmitter<{ close: [err: Error] }> {
  readonly #o: ModbusClientOptions;
  #socket: Socket | null = null;
  #buffer = Buffer.alloc(0);
  #tid = 0;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ModbusClientOptions) {
    super();
    this.#o = options;
  }

  get connected(): boolean {
    return this.#socket !== null;
  }

  /** Opens the connection; rejects on refusal or after `timeoutMs`. */
  connect(): Promise<void> {
    if (this.#socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.#o.host, port: this.#o.port, noDelay: true });
      const timer = setTimeout(() => socket.destroy(new Error(`connect to ${this.#where()} timed out after ${this.#o.timeoutMs} ms`)), this.#o.timeoutMs);
      socket.once('error', (err) => (clearTimeout(timer), reject(err)));
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.#socket = socket;
        this.#buffer = Buffer.alloc(0);
        socket.on('data', (chunk) => this.#onData(chunk));
        socket.on('error', (err) => this.#drop(err));
        socket.on('close', () => this.#drop(new Error(`${this.#where()} closed the connection`)));
        resolve();
      });
    });
  }

  /** Closes the connection; a request in flight fails. Emits no `close` (the owner asked for it). */
  close(): void {
    const socket = this.#socket;
    this.#socket = null;
    socket?.removeAllListeners().on('error', () => {}).destroy();
    this.#failPending(new Error('connection closed'));
  }

  /** FC 0x01: `count` coils from `address` (1..2000), 1 = ON. */
  async readCoils(address: number, count: number): Promise<Array<0 | 1>> {
    return unpackBits(await this.#request(FunctionCode.readCoils, address, count, 2000), count);
  }

  /** FC 0x02: `count` discrete inputs from `address` (1..2000). */
  async readDiscreteInputs(address: number, count: number): Promise<Array<0 | 1>> {
    return unpackBits(await this.#request(FunctionCode.readDiscreteInputs, address, count, 2000), count);
  }

  /** FC 0x04: `count` input registers from `address` (1..125), unsigned 16-bit. */
  async readInputRegisters(address: number, count: number): Promise<number[]> {
    const pdu = await this.#request(FunctionCode.readInputRegisters, address, count, 125);
    if (pdu.length < 2 + 2 * count || pdu[1] !== 2 * count) throw this.#protocolError('register count does not match the request');
    return Array.from({ length: count }, (_, i) => pdu.readUInt16BE(2 + 2 * i));
  }

  /** FC 0x05: sets one coil (0xFF00 ON, 0x0000 OFF); the server echoes the request. */
  async writeSingleCoil(address: number, on: boolean): Promise<void> {
    const pdu = await this.#request(FunctionCode.writeSingleCoil, address, on ? 0xff00 : 0x0000, 0xffff);
    if (pdu.length !== 5 || pdu.readUInt16BE(1) !== address || pdu.readUInt16BE(3) !== (on ? 0xff00 : 0)) {
      throw this.#protocolError('the write was not echoed');
    }
  }

  /** Sends one request PDU (function, 16-bit address, 16-bit quantity or value) after the previous one. */
  #request(fc: number, address: number, value: number, maxCount: number): Promise<Buffer> {
    if (!Number.isInteger(address) || address < 0 || address > 0xffff) return Promise.reject(new RangeError(`address ${address} is not 0..65535`));
    if (fc !== FunctionCode.writeSingleCoil && (!Number.isInteger(value) || value < 1 || value > maxCount)) {
      return Promise.reject(new RangeError(`quantity ${value} is not 1..${maxCount}`));
    }
    const run = (): Promise<Buffer> => this.#send(fc, address, value);
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }

  #send(fc: number, address: number, value: number): Promise<Buffer> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new Error(`not connected to ${this.#where()}`));
    this.#tid = (this.#tid + 1) & 0xffff;
    const adu = Buffer.alloc(MBAP_BYTES + 5);
    adu.writeUInt16BE(this.#tid, 0);
    adu.writeUInt16BE(0, 2);
    adu.writeUInt16BE(6, 4);
    adu.writeUInt8(this.#o.unitId, 6);
    adu.writeUInt8(fc, 7);
    adu.writeUInt16BE(address, 8);
    adu.writeUInt16BE(value, 10);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#drop(new Error(`${this.#where()} did not answer within ${this.#o.timeoutMs} ms`)), this.#o.timeoutMs);
      this.#pending = { tid: this.#tid, fc, resolve, reject, timer };
      socket.write(adu);
    });
  }

  #onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= MBAP_BYTES) {
      const length = this.#buffer.readUInt16BE(4);
      if (this.#buffer.readUInt16BE(2) !== 0 || length < 2 || MBAP_BYTES - 1 + length > MAX_ADU_BYTES) {
        this.#drop(this.#protocolError('a malformed MBAP header'));
        return;
      }
      if (this.#buffer.length < MBAP_BYTES - 1 + length) return;
      const tid = this.#buffer.readUInt16BE(0);
      const unit = this.#buffer.readUInt8(6);
      const pdu = this.#buffer.subarray(MBAP_BYTES, MBAP_BYTES - 1 + length);
      this.#buffer = this.#buffer.subarray(MBAP_BYTES - 1 + length);
      this.#answer(tid, unit, Buffer.from(pdu));
    }
  }

  #answer(tid: number, unit: number, pdu: Buffer): void {
    const pending = this.#pending;
    // An answer to nothing we asked (or to another unit) is ignored, as the guide allows.
    if (!pending || tid !== pending.tid || unit !== this.#o.unitId) return;
    this.#pending = null;
    clearTimeout(pending.timer);
    const fc = pdu.readUInt8(0);
    if (fc === (pending.fc | 0x80)) pending.reject(new ModbusException(pending.fc, pdu[1] ?? 0));
    else if (fc !== pending.fc) pending.reject(this.#protocolError(`function 0x${fc.toString(16)} answered 0x${pending.fc.toString(16)}`));
    else pending.resolve(pdu);
  }

  /** The link is unusable: fail what is in flight and tell the owner once. */
  #drop(err: Error): void {
    if (!this.#socket) return;
    this.#failPending(err);
    this.close();
    this.emit('close', err);
  }

  #failPending(err: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.reject(err);
  }

  #protocolError(what: string): Error {
    return new Error(`${this.#where()} sent ${what}`);
  }

  #where(): string {
    return `Modbus server ${this.#o.host}:${this.#o.port} unit ${this.#o.unitId}`;
  }
}

/** Read-bits answers: byte count, then bits LSB first (spec §6.1): bit 0 of byte 0 is the first address. */
function unpackBits(pdu: Buffer, count: number): Array<0 | 1> {
  const bytes = Math.ceil(count / 8);
  if (pdu.length < 2 + bytes || pdu[1] !== bytes) throw new Error('Modbus bit count does not match the request');
  return Array.from({ length: count }, (_, i) => ((pdu[2 + (i >> 3)]! >> (i & 7)) & 1) as 0 | 1);
}
