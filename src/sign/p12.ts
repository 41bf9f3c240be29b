/**
 * A PKCS#12 file (.p12 / .pfx) → the private key and certificates for signing. node-forge
 * decrypts the container (node:crypto cannot read PKCS#12); keys and certificates then go to
 * node:crypto as DER, so RSA, ECDSA and Ed25519 keys all work. The key is the one whose
 * certificate matches it; the other certificates are carried as the chain.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { CmsSigner } from './cms.js';
import { SignatureProblem } from './signature-diagnostic.js';

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
  throw new SignatureProblem('SIGNATURE_CERTIFICAT_CLE_ILLISIBLE', {});
}

/** The certificate's public key (SPKI DER), or undefined for a certificate node cannot read. */
function publicKeyOf(der: Buffer): Buffer | undefined {
  try {
    return new X509Certificate(der).publicKey.export({ format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/**
 * Refuses to sign at `time` outside the certificate's validity (SIGNATURE_CERTIFICAT_EXPIRE,
 * SIGNATURE_CERTIFICAT_PAS_ENCORE_VALIDE; the caller adds `chemin`).
 */
export function checkValidity(identity: P12Identity, time: Date): void {
  const titulaire = identity.x509.subject
    .split('\n')
    .find((l) => l.startsWith('CN='))
    ?.slice(3);
  const params = { titulaire: titulaire ?? identity.x509.subject.replace(/\n/g, ', ') };
  const day = (d: string): string => new Date(d).toISOString().slice(0, 10);
  if (time > new Date(identity.x509.validTo))
    throw new SignatureProblem('SIGNATURE_CERTIFICAT_EXPIRE', {
      ...params,
      fin: day(identity.x509.validTo),
    });
  if (time < new Date(identity.x509.validFrom))
    throw new SignatureProblem('SIGNATURE_CERTIFICAT_PAS_ENCORE_VALIDE', {
      ...params,
      debut: day(identity.x509.validFrom),
    });
}

function certOf(bag: Bag): Buffer | undefined {
  if (bag.cert) return toDer(forge.pki.certificateToAsn1(bag.cert));
  return bag.asn1 ? toDer(bag.asn1) : undefined;
}

/** node-forge's ASN.1 reading, or SIGNATURE_CERTIFICAT_ILLISIBLE (its text is not shown). */
function asn1Of(bytes: Uint8Array): forge.asn1.Asn1 {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  } catch {
    throw new SignatureProblem('SIGNATURE_CERTIFICAT_ILLISIBLE', {});
  }
}

/** The key as node:crypto reads it, or SIGNATURE_CERTIFICAT_CLE_ILLISIBLE. */
function privateKeyOf(bag: Bag): KeyObject {
  try {
    return keyOf(bag);
  } catch (error) {
    if (error instanceof SignatureProblem) throw error;
    throw new SignatureProblem('SIGNATURE_CERTIFICAT_CLE_ILLISIBLE', {});
  }
}

/**
 * Reads a PKCS#12 file's bytes with its password. Throws SignatureProblem
 * (SIGNATURE_CERTIFICAT_*: not PKCS#12, wrong password, no key, no certificate…) with no
 * library text: the caller adds `chemin`.
 */
export function readP12(bytes: Uint8Array, password: string): P12Identity {
  const asn1 = asn1Of(bytes);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|MAC could not be verified|decrypt|Invalid padding/i.test(message))
      throw new SignatureProblem('SIGNATURE_CERTIFICAT_MOT_DE_PASSE', {});
    throw new SignatureProblem('SIGNATURE_CERTIFICAT_ILLISIBLE', {});
  }
  const bagsOf = (type: string): Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keys = [...bagsOf(BAGS.shroudedKey), ...bagsOf(BAGS.key)];
  const certs = bagsOf(BAGS.cert)
    .map(certOf)
    .filter((c): c is Buffer => c !== undefined);
  const keyBag = keys[0];
  if (!keyBag) throw new SignatureProblem('SIGNATURE_CERTIFICAT_SANS_CLE', {});
  if (!certs.length) throw new SignatureProblem('SIGNATURE_CERTIFICAT_ABSENT', {});
  const privateKey = privateKeyOf(keyBag);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const certificate = certs.find((der) => publicKeyOf(der)?.equals(spki));
  if (!certificate) throw new SignatureProblem('SIGNATURE_CERTIFICAT_SANS_CORRESPONDANCE', {});
  return {
    privateKey,
    certificate,
    chain: certs.filter((c) => !c.equals(certificate)),
    x509: new X509Certificate(certificate),
  };
}
