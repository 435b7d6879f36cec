/**
 * @module The final PDF signed as a file, in the PDF's own standard form: a CMS (PKCS#7) detached signature in a
 * signature dictionary whose ByteRange covers every byte but the signature itself — what `pdfsig`, Acrobat and
 * every PDF reader check. Made by @signpdf (placeholder with pdf-lib, signature with node-forge) rather than by
 * hand; checked here without it, so that `accord verify` says exactly what does not match.
 *
 * The signing certificate is the server's own (self-signed RSA-2048, `pdf-signing.p12` beside `signing-key.pem`,
 * owner-only). Readers show it as not issued by an authority they trust — true: the trust is in the manifest,
 * signed with the server's Ed25519 key, which names this certificate's SHA-256 fingerprint (manifest.ts).
 */
import { createHash, generateKeyPairSync, randomBytes, verify, X509Certificate } from 'node:crypto'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import forge from 'node-forge'
import { PDFDocument } from 'pdf-lib'
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib'
import { P12Signer } from '@signpdf/signer-p12'
import { SignPdf } from '@signpdf/signpdf'
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'

export const SIGNER_NAME = 'Accord signing service'

export interface PdfSigner {
  /** The PKCS#12 bundle (key and certificate) the signature is made with. */
  p12: Buffer
  /** SHA-256 (hex) of the certificate's DER: what the manifest names. */
  fingerprint: string
}

/** Reads the server's PDF-signing certificate, creating it (owner-only) on first use. */
export function loadOrCreatePdfSigner(file: string): PdfSigner {
  let p12: Buffer
  try {
    p12 = readFileSync(file)
  } catch {
    p12 = newSigner()
    try {
      writeFileSync(file, p12, { mode: 0o600, flag: 'wx' })
      chmodSync(file, 0o600)
    } catch {
      p12 = readFileSync(file) // Another request made it first: use that one.
    }
  }
  return { p12, fingerprint: fingerprintOf(certificateOf(p12)) }
}

function newSigner(): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString())
  const certificate = forge.pki.createCertificate()
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  )
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`
  certificate.validity.notBefore = new Date(Date.now() - 24 * 3600_000)
  certificate.validity.notAfter = new Date(Date.now() + 50 * 365 * 24 * 3600_000)
  const name = [
    { name: 'commonName', value: SIGNER_NAME },
    { name: 'organizationName', value: 'Accord' },
  ]
  certificate.setSubject(name)
  certificate.setIssuer(name)
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ])
  certificate.sign(key, forge.md.sha256.create())
  const bundle = forge.pkcs12.toPkcs12Asn1(key, [certificate], '', { algorithm: '3des' })
  return Buffer.from(forge.asn1.toDer(bundle).getBytes(), 'binary')
}

function certificateOf(p12: Buffer): forge.pki.Certificate {
  const bundle = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), '')
  const certBag = forge.pki.oids.certBag!
  const bag = bundle.getBags({ bagType: certBag })[certBag]?.[0]
  if (!bag?.cert) throw new Error('the PDF-signing file holds no certificate')
  return bag.cert
}

function fingerprintOf(certificate: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes()
  return createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex')
}

/** Signs `bytes` as a whole; the same bytes, signer and time give the same file. */
export async function signWholeFile(
  bytes: Uint8Array,
  signer: PdfSigner,
  options: { reason: string; location: string; signingTime: Date },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  pdflibAddPlaceholder({
    pdfDoc: pdf,
    reason: options.reason,
    contactInfo: '',
    name: SIGNER_NAME,
    location: options.location,
    signingTime: options.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Accord',
  })
  const prepared = Buffer.from(await pdf.save({ useObjectStreams: false }))
  return new SignPdf().sign(prepared, new P12Signer(signer.p12), options.signingTime)
}

export type WholeFileCheck = { ok: true; fingerprint: string; signer: string } | { ok: false; reason: string }

const OID = { signedData: '1.2.840.113549.1.7.2', messageDigest: '1.2.840.113549.1.9.4' }

/**
 * Whether every byte of `bytes` is covered by one valid signature: one ByteRange, from the file's first byte to
 * its last with only the signature between, the content's SHA-256 in the signed attributes, and the signature
 * over those attributes made by the certificate it carries.
 */
export function checkWholeFile(bytes: Uint8Array): WholeFileCheck {
  const file = Buffer.from(bytes)
  const ranges = [
    ...file.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ]
  if (ranges.length === 0)
    return { ok: false, reason: 'the PDF is not signed as a file (no signature covers its bytes)' }
  if (ranges.length > 1)
    return { ok: false, reason: `the PDF carries ${ranges.length} signatures where Accord made one` }
  const [a, b, c, d] = ranges[0]!.slice(1, 5).map(Number) as [number, number, number, number]
  const changed = 'the file was changed after it was signed: its bytes do not match the signature'
  if (a !== 0 || b > c || c + d > file.length) return { ok: false, reason: changed }
  const gap = file.subarray(b, c).toString('latin1')
  // Moved by a rewrite, the signature is no longer where the byte ranges say.
  if (!/^<[0-9a-fA-F]*>$/.test(gap)) return { ok: false, reason: changed }
  let signed: ReturnType<typeof parseSignedData>
  try {
    signed = parseSignedData(Buffer.from(gap.slice(1, -1).replace(/(00)+$/, ''), 'hex'))
  } catch (error) {
    return { ok: false, reason: `the signature cannot be read (${(error as Error).message})` }
  }
  const content = Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)])
  if (!createHash('sha256').update(content).digest().equals(signed.messageDigest))
    return { ok: false, reason: changed }
  if (c + d < file.length)
    return {
      ok: false,
      reason: `${file.length - (c + d)} bytes were added after the PDF was signed (an incremental update: annotations, form fields or changed objects)`,
    }
  if (!verify('sha256', signed.signedAttributes, signed.publicKey, signed.signature))
    return { ok: false, reason: 'the signature was not made by the certificate it carries' }
  return { ok: true, fingerprint: signed.fingerprint, signer: signed.signer }
}

/** One DER element: its tag, and where its whole encoding and its contents lie in the buffer. */
interface Der {
  tag: number
  start: number
  contentStart: number
  end: number
}

function readDer(buffer: Buffer, at: number): Der {
  const tag = buffer[at]!
  let length = buffer[at + 1]!
  let contentStart = at + 2
  if (length & 0x80) {
    const bytes = length & 0x7f
    if (bytes === 0 || bytes > 4) throw new Error('unsupported length')
    length = buffer.readUIntBE(at + 2, bytes)
    contentStart += bytes
  }
  const end = contentStart + length
  if (end > buffer.length) throw new Error('truncated')
  return { tag, start: at, contentStart, end }
}

function childrenOf(buffer: Buffer, parent: Der): Der[] {
  const children: Der[] = []
  for (let at = parent.contentStart; at < parent.end; at = children.at(-1)!.end)
    children.push(readDer(buffer, at))
  return children
}

const TAG = { sequence: 0x30, set: 0x31, octets: 0x04, oid: 0x06, context0: 0xa0 }
const oidBytes = (oid: string) => Buffer.from(forge.asn1.oidToDer(oid).getBytes(), 'binary')

/**
 * The parts of a CMS SignedData (RFC 5652) the check needs, read straight from the DER: what was signed must be
 * taken byte for byte (the signed attributes with the SET tag, §5.4), not re-encoded.
 */
function parseSignedData(der: Buffer) {
  const contentInfo = readDer(der, 0)
  const [type, explicit] = childrenOf(der, contentInfo)
  if (!type || !der.subarray(type.contentStart, type.end).equals(oidBytes(OID.signedData)))
    throw new Error('not CMS signed data')
  const signedData = childrenOf(der, childrenOf(der, explicit!)[0]!)
  const certificates = signedData.find((part) => part.tag === TAG.context0)
  const certificate = certificates && childrenOf(der, certificates)[0]
  if (!certificate) throw new Error('no certificate')
  const signerInfos = childrenOf(der, signedData.at(-1)!)
  if (signerInfos.length !== 1) throw new Error(`${signerInfos.length} signers`)
  const signerInfo = childrenOf(der, signerInfos[0]!)
  const attributes = signerInfo.find((part) => part.tag === TAG.context0)
  if (!attributes) throw new Error('no signed attributes')
  const digestOid = oidBytes(OID.messageDigest)
  const digest = childrenOf(der, attributes)
    .map((attribute) => childrenOf(der, attribute))
    .find(([oid]) => oid && der.subarray(oid.contentStart, oid.end).equals(digestOid))
  const digestValue = digest?.[1] && childrenOf(der, digest[1])[0]
  if (!digestValue || digestValue.tag !== TAG.octets) throw new Error('no message digest')
  const signature = signerInfo.at(-1)!
  const signedAttributes = Buffer.from(der.subarray(attributes.start, attributes.end))
  signedAttributes[0] = TAG.set
  const certificateDer = der.subarray(certificate.start, certificate.end)
  const x509 = new X509Certificate(certificateDer)
  return {
    messageDigest: der.subarray(digestValue.contentStart, digestValue.end),
    signedAttributes,
    signature: der.subarray(signature.contentStart, signature.end),
    publicKey: x509.publicKey,
    fingerprint: createHash('sha256').update(certificateDer).digest('hex'),
    signer: /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1] ?? '',
  }
}
