/**
 * CMS SignedData (RFC 5652) for PDF signatures, both ways:
 *
 * - `cadesDetached`: the detached signature that PAdES baseline B-B asks for
 *   (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): signed attributes content-type,
 *   message-digest and signing-certificate-v2 (the certificate's SHA-256 bound to the signature);
 *   no signing-time attribute (PAdES puts the claimed time in the signature dictionary's /M).
 * - `verifyCms`: reads a SignedData back and checks it against the signed bytes: message digest,
 *   signature value with the signer certificate's public key, signing-certificate(-v2) binding.
 *
 * node:crypto does the cryptography; der.ts does the ASN.1.
 */
import { constants, createHash, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import {
  child,
  children,
  context,
  decodeOid,
  decodeTime,
  DerError,
  integer,
  NULL,
  octetString,
  oid,
  readNode,
  sequence,
  setOf,
  TAG,
  type DerNode,
} from './der.js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
} as const;

const DIGESTS: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Signature algorithms: the hash they name (undefined: the SignerInfo's digest algorithm). */
const SIGNATURES: Record<string, { name: string; hash?: string }> = {
  [OID.rsaEncryption]: { name: 'RSA' },
  [OID.rsaPss]: { name: 'RSA-PSS' },
  [OID.sha1WithRsa]: { name: 'RSA', hash: 'sha1' },
  [OID.sha256WithRsa]: { name: 'RSA', hash: 'sha256' },
  [OID.sha384WithRsa]: { name: 'RSA', hash: 'sha384' },
  [OID.sha512WithRsa]: { name: 'RSA', hash: 'sha512' },
  ['1.2.840.10045.2.1']: { name: 'ECDSA' },
  [OID.ecdsaWithSha256]: { name: 'ECDSA', hash: 'sha256' },
  [OID.ecdsaWithSha384]: { name: 'ECDSA', hash: 'sha384' },
  [OID.ecdsaWithSha512]: { name: 'ECDSA', hash: 'sha512' },
  [OID.ed25519]: { name: 'Ed25519' },
};

/** The parts of a certificate that CMS refers to. */
export interface CertificateParts {
  der: Buffer;
  /** The issuer Name and the serialNumber INTEGER, as encoded in the certificate. */
  issuer: Buffer;
  serial: Buffer;
}

export function certificateParts(der: Buffer): CertificateParts {
  const cert = readNode(der);
  const tbs = child(cert, 0, TAG.SEQUENCE);
  const items = children(tbs);
  const start = items[0]?.tag === 0xa0 ? 1 : 0;
  const serial = items[start];
  const issuer = items[start + 2];
  if (serial?.tag !== TAG.INTEGER || issuer?.tag !== TAG.SEQUENCE)
    throw new DerError('certificat X.509 illisible');
  return { der: cert.der, issuer: issuer.der, serial: serial.der };
}

// ---------------------------------------------------------------------------------------------
// Signing

export interface CmsSigner {
  privateKey: KeyObject;
  /** The signer's certificate (DER) and the other certificates to carry (chain), DER. */
  certificate: Buffer;
  chain: Buffer[];
}

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), setOf(value));
}

/** The signature algorithm for a private key (SHA-256 throughout). */
function signatureAlgorithm(key: KeyObject): { id: Buffer; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { id: sequence(oid(OID.sha256WithRsa), NULL), hash: 'sha256' };
    case 'ec':
      return { id: sequence(oid(OID.ecdsaWithSha256)), hash: 'sha256' };
    case 'ed25519':
      return { id: sequence(oid(OID.ed25519)), hash: null };
    default:
      throw new DerError(
        `clé de type ${key.asymmetricKeyType ?? 'inconnu'} non prise en charge (RSA, ECDSA ou Ed25519)`,
      );
  }
}

/** A detached CAdES signature (CMS SignedData, DER) of `content`. */
export function cadesDetached(content: Buffer, signer: CmsSigner): Buffer {
  const cert = certificateParts(signer.certificate);
  const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();
  const digestAlgorithm = sequence(oid(OID.sha256));
  // ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial }
  const issuerSerial = sequence(sequence(context(4, cert.issuer)), cert.serial);
  const signingCertificateV2 = sequence(
    sequence(sequence(octetString(sha256(cert.der)), issuerSerial)),
  );
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(sha256(content))),
    attribute(OID.signingCertificateV2, signingCertificateV2),
  ];
  // The signature covers the attributes encoded as a SET OF (tag 0x31); the SignerInfo carries
  // the same bytes under [0] IMPLICIT.
  const signedAttributes = setOf(...attributes);
  const algorithm = signatureAlgorithm(signer.privateKey);
  const signature = sign(algorithm.hash, signedAttributes, {
    key: signer.privateKey,
    dsaEncoding: 'der',
  });
  const signerInfo = sequence(
    integer(1),
    sequence(cert.issuer, cert.serial),
    digestAlgorithm,
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    algorithm.id,
    octetString(signature),
  );
  const certificates = [
    signer.certificate,
    ...signer.chain.filter((c) => !c.equals(signer.certificate)),
  ];
  const signedData = sequence(
    integer(1),
    setOf(digestAlgorithm),
    sequence(oid(OID.data)),
    context(0, Buffer.concat(certificates)),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), context(0, signedData));
}

// ---------------------------------------------------------------------------------------------
// Verifying

export interface CmsVerification {
  /** The message digest matches the signed bytes. */
  digestOk: boolean;
  /** The signature value verifies with the signer certificate's key. */
  signatureOk: boolean;
  /** signing-certificate(-v2) present and matching the signer certificate (undefined: absent). */
  signingCertificateOk: boolean | undefined;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signer's certificate, and every certificate the CMS carries. */
  signer: X509Certificate | undefined;
  certificates: X509Certificate[];
  /** signing-time attribute, when present (PAdES puts the time in /M instead). */
  signingTime: Date | undefined;
  /** The encapsulated content is absent (detached), as a PDF signature requires. */
  detached: boolean;
  /** What could not be checked, in words. */
  problems: string[];
}

function attributeValue(attributes: DerNode[], type: string): DerNode | undefined {
  for (const a of attributes) {
    if (decodeOid(child(a, 0)) === type) return child(child(a, 1, TAG.SET), 0);
  }
  return undefined;
}

/** Checks a CMS SignedData (DER, trailing zero padding allowed) against the signed bytes. */
export function verifyCms(cms: Buffer, signed: readonly Buffer[]): CmsVerification {
  const info = readNode(cms);
  if (info.tag !== TAG.SEQUENCE || decodeOid(child(info, 0)) !== OID.signedData)
    throw new DerError('ce n’est pas une structure CMS SignedData');
  const signedData = child(child(info, 1, 0xa0), 0, TAG.SEQUENCE);
  const items = children(signedData);
  const encap = items[2];
  if (encap?.tag !== TAG.SEQUENCE) throw new DerError('SignedData sans encapContentInfo');
  const detached = children(encap).length === 1;
  const certificates: { x509: X509Certificate; parts: CertificateParts }[] = [];
  let signerInfos: DerNode | undefined;
  for (const item of items.slice(3)) {
    if (item.tag === 0xa0) {
      for (const c of children(item)) {
        if (c.tag !== TAG.SEQUENCE) continue; // other certificate formats
        certificates.push({ x509: new X509Certificate(c.der), parts: certificateParts(c.der) });
      }
    } else if (item.tag === TAG.SET) signerInfos = item;
  }
  const infos = signerInfos ? children(signerInfos) : [];
  const signerInfo = infos[0];
  if (!signerInfo) throw new DerError('SignedData sans SignerInfo');
  const problems: string[] = [];
  if (infos.length > 1)
    problems.push(`${String(infos.length)} SignerInfo : seul le premier est vérifié`);
  const fields = children(signerInfo);
  const sid = fields[1];
  const digestOid = fields[2] ? decodeOid(child(fields[2], 0)) : '';
  const digestName = DIGESTS[digestOid];
  let index = 3;
  let signedAttrs: DerNode | undefined;
  if (fields[index]?.tag === 0xa0) signedAttrs = fields[index++];
  const sigAlgNode = fields[index++];
  const signatureNode = fields[index];
  if (!sid || !sigAlgNode || signatureNode?.tag !== TAG.OCTET_STRING)
    throw new DerError('SignerInfo incomplet');
  const sigOid = decodeOid(child(sigAlgNode, 0));
  const sigAlg = SIGNATURES[sigOid];

  // The signer certificate: IssuerAndSerialNumber, or the only certificate.
  let signer: X509Certificate | undefined;
  if (sid.tag === TAG.SEQUENCE) {
    const issuer = child(sid, 0).der;
    const serial = child(sid, 1).der;
    signer = certificates.find(
      (c) => c.parts.issuer.equals(issuer) && c.parts.serial.equals(serial),
    )?.x509;
  } else if (certificates.length === 1) {
    signer = certificates[0]?.x509;
  }
  if (!signer) problems.push('certificat du signataire absent de la signature');

  const result: CmsVerification = {
    digestOk: false,
    signatureOk: false,
    signingCertificateOk: undefined,
    digestAlgorithm: digestName ?? digestOid,
    signatureAlgorithm: sigAlg
      ? `${sigAlg.name}${sigAlg.hash ? `-${sigAlg.hash.toUpperCase()}` : ''}`
      : sigOid,
    signer,
    certificates: certificates.map((c) => c.x509),
    signingTime: undefined,
    detached,
    problems,
  };
  if (!digestName) {
    problems.push(`algorithme d’empreinte non pris en charge (${digestOid})`);
    return result;
  }
  if (!sigAlg) {
    problems.push(`algorithme de signature non pris en charge (${sigOid})`);
    return result;
  }
  const hash = createHash(digestName);
  for (const part of signed) hash.update(part);
  const digest = hash.digest();

  let toVerify: Buffer;
  if (signedAttrs) {
    const attributes = children(signedAttrs);
    const md = attributeValue(attributes, OID.messageDigest);
    result.digestOk = md?.tag === TAG.OCTET_STRING && md.content.equals(digest);
    if (!md) problems.push('attribut message-digest absent');
    const time = attributeValue(attributes, OID.signingTime);
    if (time) result.signingTime = decodeTime(time);
    const v2 = attributeValue(attributes, OID.signingCertificateV2);
    const v1 = attributeValue(attributes, OID.signingCertificate);
    const ess = v2 ?? v1;
    if (signer && ess) {
      // SigningCertificate(V2) { certs SEQUENCE OF ESSCertID(v2) }: the first names the signer.
      const essCertId = child(child(ess, 0), 0);
      const first = children(essCertId);
      let certHashAlg = v2 ? 'sha256' : 'sha1';
      let certHash = first[0];
      if (v2 && first[0]?.tag === TAG.SEQUENCE) {
        certHashAlg = DIGESTS[decodeOid(child(first[0], 0))] ?? '';
        certHash = first[1];
      }
      result.signingCertificateOk =
        certHashAlg !== '' &&
        certHash?.tag === TAG.OCTET_STRING &&
        certHash.content.equals(createHash(certHashAlg).update(signer.raw).digest());
    }
    // Signed over the attributes as a SET OF (the [0] IMPLICIT tag replaced by 0x31).
    toVerify = Buffer.concat([Buffer.from([TAG.SET]), signedAttrs.der.subarray(1)]);
  } else {
    result.digestOk = true; // the signature is over the content itself
    toVerify = Buffer.concat(signed);
  }
  if (signer) {
    const key = signer.publicKey;
    const algorithm = sigAlg.name === 'Ed25519' ? null : (sigAlg.hash ?? digestName);
    try {
      result.signatureOk = verify(
        algorithm,
        toVerify,
        sigAlg.name === 'RSA-PSS'
          ? {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_AUTO,
            }
          : { key, dsaEncoding: 'der' },
        signatureNode.content,
      );
    } catch (error) {
      problems.push(
        `vérification impossible : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return result;
}
