/**
 * The few DER (ASN.1) pieces the CMS signature needs: a reader that keeps every element's exact
 * bytes (a signature is checked over the bytes as received, never over a re-encoding) and a
 * writer for the structures we build. Definite lengths only: CMS in a PDF signature is DER.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One element: its tag, its whole encoding (`der`) and its content bytes. */
export interface DerNode {
  tag: number;
  der: Buffer;
  content: Buffer;
  /** Offset of the element in the buffer it was read from. */
  offset: number;
}

/** Reads the element at `offset` of `bytes`. */
export function readNode(bytes: Buffer, offset = 0): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('élément ASN.1 tronqué');
  const tag = bytes[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DerError('étiquette ASN.1 multi-octets non prise en charge');
  let length = bytes[offset + 1] ?? 0;
  let header = 2;
  if (length === 0x80)
    throw new DerError('longueur ASN.1 indéfinie (BER) : le CMS doit être en DER');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4 || offset + 2 + n > bytes.length) throw new DerError('longueur ASN.1 invalide');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[offset + 2 + i] ?? 0);
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new DerError('élément ASN.1 tronqué');
  return {
    tag,
    der: bytes.subarray(offset, end),
    content: bytes.subarray(offset + header, end),
    offset,
  };
}

/** The elements inside a constructed element. */
export function children(node: DerNode): DerNode[] {
  if (!(node.tag & 0x20))
    throw new DerError('élément ASN.1 primitif là où une structure est attendue');
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length;) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset += child.der.length;
  }
  return out;
}

/** The i-th child, which must exist (and have `tag` when given). */
export function child(node: DerNode, i: number, tag?: number): DerNode {
  const c = children(node)[i];
  if (!c) throw new DerError('structure ASN.1 incomplète');
  if (tag !== undefined && c.tag !== tag)
    throw new DerError(
      `structure ASN.1 inattendue (0x${c.tag.toString(16)} au lieu de 0x${tag.toString(16)})`,
    );
  return c;
}

export function decodeOid(node: DerNode): string {
  if (node.tag !== TAG.OID) throw new DerError('identifiant d’objet (OID) attendu');
  const b = node.content;
  const parts: number[] = [];
  let value = 0;
  for (const byte of b) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (!parts.length)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** UTCTime or GeneralizedTime (UTC, `Z`) → Date. */
export function decodeTime(node: DerNode): Date {
  const s = node.content.toString('latin1');
  const m =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : node.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s)
        : null;
  if (!m) throw new DerError(`date ASN.1 illisible (${s})`);
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}

// ---------------------------------------------------------------------------------------------
// Writer

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element from its tag and content. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, Buffer.concat(items));

/** A DER SET OF: its elements sorted by their encodings. */
export function setOf(...items: Buffer[]): Buffer {
  return tlv(TAG.SET, Buffer.concat([...items].sort((a, b) => Buffer.compare(a, b))));
}

export const octetString = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);

export const integer = (n: number): Buffer => {
  if (n < 0 || n > 0x7f) throw new DerError('entier hors de la plage prise en charge');
  return tlv(TAG.INTEGER, Buffer.from([n]));
};

/** A context-specific tag, constructed (`[n]`, implicit or explicit as the caller builds it). */
export const context = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = parts;
  const bytes: number[] = [];
  for (const value of [first * 40 + second, ...rest]) {
    const chunk: number[] = [value & 0x7f];
    for (let n = Math.floor(value / 128); n > 0; n = Math.floor(n / 128))
      chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(bytes));
}

export const NULL = Buffer.from([TAG.NULL, 0]);
