/**
 * A PKCS#12 file (.p12 / .pfx) → the private key and certificates for signing. node-forge
 * decrypts the container (node:crypto cannot read PKCS#12); keys and certificates then go to
 * node:crypto as DER, so RSA, ECDSA and Ed25519 keys all work. The key is the one whose
 * certificate matches it; the other certificates are carried as the chain.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { CmsSigner } from './cms.js';

export type P12ErrorCode =
  'P12_ILLISIBLE' | 'P12_MOT_DE_PASSE' | 'P12_SANS_CLE' | 'P12_SANS_CERTIFICAT';

export class P12Error extends Error {
  constructor(
    readonly code: P12ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'P12Error';
  }
}

export interface P12Identity extends CmsSigner {
  /** The signer certificate, parsed. */
  x509: X509Certificate;
}

interface Bag {
  key?: forge.pki.PrivateKey | null;
  cert?: forge.pki.Certificate | null;
  asn1?: forge.asn1.Asn1;
}

/** PKCS#12 bag types (RFC 7292). */
const BAGS = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;

const toDer = (asn1: forge.asn1.Asn1): Buffer =>
  Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

function keyOf(bag: Bag): KeyObject {
  // RSA keys come back as forge keys (PKCS#1); other types as their PrivateKeyInfo (PKCS#8).
  if (bag.key)
    return createPrivateKey({
      key: toDer(forge.pki.privateKeyToAsn1(bag.key)),
      format: 'der',
      type: 'pkcs1',
    });
  if (bag.asn1) return createPrivateKey({ key: toDer(bag.asn1), format: 'der', type: 'pkcs8' });
  throw new P12Error('P12_SANS_CLE', 'clé privée illisible dans le fichier PKCS#12');
}

function certOf(bag: Bag): Buffer | undefined {
  if (bag.cert) return toDer(forge.pki.certificateToAsn1(bag.cert));
  return bag.asn1 ? toDer(bag.asn1) : undefined;
}

/** Reads a PKCS#12 file's bytes with its password. Throws P12Error. */
export function readP12(bytes: Uint8Array, password: string): P12Identity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|MAC could not be verified|decrypt/i.test(message))
      throw new P12Error(
        'P12_MOT_DE_PASSE',
        'mot de passe du certificat PKCS#12 incorrect (ou fichier altéré)',
      );
    throw new P12Error('P12_ILLISIBLE', `fichier PKCS#12 illisible (${message})`);
  }
  const bagsOf = (type: string): Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keys = [...bagsOf(BAGS.shroudedKey), ...bagsOf(BAGS.key)];
  const certs = bagsOf(BAGS.cert)
    .map(certOf)
    .filter((c): c is Buffer => c !== undefined);
  const keyBag = keys[0];
  if (!keyBag)
    throw new P12Error('P12_SANS_CLE', 'le fichier PKCS#12 ne contient pas de clé privée');
  if (!certs.length)
    throw new P12Error('P12_SANS_CERTIFICAT', 'le fichier PKCS#12 ne contient pas de certificat');
  const privateKey = keyOf(keyBag);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const certificate = certs.find((der) =>
    new X509Certificate(der).publicKey.export({ format: 'der', type: 'spki' }).equals(spki),
  );
  if (!certificate)
    throw new P12Error(
      'P12_SANS_CERTIFICAT',
      'aucun certificat du fichier PKCS#12 ne correspond à sa clé privée',
    );
  return {
    privateKey,
    certificate,
    chain: certs.filter((c) => !c.equals(certificate)),
    x509: new X509Certificate(certificate),
  };
}
