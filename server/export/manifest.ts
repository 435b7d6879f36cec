/**
 * @module The signed manifest of a final PDF. The server signs, with its Ed25519 key, a manifest naming the final
 * hash, the signatures and the generation time, and a digest of every page's content stream; both go into the
 * PDF's document information (`AccordManifest`, `AccordSignature`). Anyone holding the server's public key
 * (`GET /api/signing-key`) can check, offline, that the manifest is the server's and that no page was changed
 * since: one changed character of the text or of a signature breaks one or the other. The manifest also names the
 * certificate the whole file is then signed with (pdf-signature.ts), so that a change outside the pages' content —
 * a font's character map, an annotation laid over the text, an update appended — is caught too.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto'
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib'
import { canonicalJson } from '../audit/audit-log.js'
import { checkAssertion, type PasskeyAssertion } from '../auth/passkeys.js'
import { checkWholeFile } from './pdf-signature.js'

export interface Manifest {
  format: 'accord-manifest-1'
  document: string
  title: string
  hash: string
  signatures: {
    delegation: string
    signatory: string
    at: string
    hash: string
    position: string
    /** Signed with the head's own passkey: the assertion, whole (server/auth/passkeys.ts). */
    passkey?: PasskeyAssertion
  }[]
  generatedAt: string
  /** The audit log's head when the PDF was made (server/audit/anchors.ts): the log must still hold it. */
  audit?: { seq: number; hash: string }
  /** SHA-256 of the certificate the file as a whole is signed with (pdf-signature.ts); absent in older PDFs. */
  pdfCertificate?: string
  /** SHA-256 over the pages' content streams, in page order. */
  pages: string
}

function infoDict(pdf: PDFDocument): PDFDict {
  const ref = pdf.context.trailerInfo.Info
  const existing = ref ? pdf.context.lookup(ref) : undefined
  if (existing instanceof PDFDict) return existing
  const dict = pdf.context.obj({})
  pdf.context.trailerInfo.Info = pdf.context.register(dict)
  return dict
}

/** The digest of what the pages show: every content stream's bytes, page by page. */
function pagesDigest(pdf: PDFDocument): string {
  const hash = createHash('sha256')
  for (const page of pdf.getPages()) {
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []
    for (const item of streams) {
      const stream = item instanceof PDFRef ? pdf.context.lookup(item) : item
      if (stream instanceof PDFRawStream) hash.update(stream.contents)
      else if (stream instanceof PDFStream) hash.update(stream.getContents())
    }
    hash.update('\n')
  }
  return hash.digest('hex')
}

/** Adds the signed manifest to a PDF made by declarationPdf (re-read, so the digest is of the saved streams). */
export async function signPdf(
  bytes: Uint8Array,
  manifest: Omit<Manifest, 'format' | 'pages'>,
  key: KeyObject,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  const full: Manifest = { format: 'accord-manifest-1', ...manifest, pages: pagesDigest(pdf) }
  const json = canonicalJson(full)
  const signature = sign(null, Buffer.from(json), key).toString('base64')
  const info = infoDict(pdf)
  info.set(PDFName.of('AccordManifest'), PDFHexString.fromText(json))
  info.set(PDFName.of('AccordSignature'), PDFHexString.fromText(signature))
  return pdf.save({ useObjectStreams: false })
}

/**
 * A hex string's text (UTF-16BE after its byte order mark, as PDFHexString.fromText writes it). Not pdf-lib's
 * decodeText: it spreads every character into one call's arguments, and a manifest with 200 passkey assertions
 * (~400,000 characters) overflows the stack (found by `npm run bench:pdf`).
 */
function hexText(value: PDFHexString): string {
  const bytes = value.asBytes()
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? new TextDecoder('utf-16be').decode(bytes.subarray(2))
    : new TextDecoder('latin1').decode(bytes)
}

export type Verdict =
  { valid: true; manifest: Manifest } | { valid: false; reason: string; manifest?: Manifest }

export async function verifyPdf(bytes: Uint8Array, publicKey: KeyObject): Promise<Verdict> {
  let pdf: PDFDocument
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  } catch (error) {
    return { valid: false, reason: `not a readable PDF (${String(error)})` }
  }
  const info = infoDict(pdf)
  const text = (name: string) => {
    const value = info.lookup(PDFName.of(name))
    return value instanceof PDFHexString ? hexText(value) : null
  }
  const json = text('AccordManifest')
  const signature = text('AccordSignature')
  if (!json || !signature) return { valid: false, reason: 'the PDF carries no Accord manifest' }
  let manifest: Manifest
  try {
    manifest = JSON.parse(json) as Manifest
  } catch {
    return { valid: false, reason: 'the manifest is not JSON' }
  }
  if (
    canonicalJson(manifest) !== json ||
    !verify(null, Buffer.from(json), publicKey, Buffer.from(signature, 'base64'))
  )
    return {
      valid: false,
      reason: 'the manifest (final hash, signatures, time) is not the one the key signed',
      manifest,
    }
  const wrongHash = manifest.signatures.find((s) => s.hash !== manifest.hash)
  if (wrongHash)
    return {
      valid: false,
      reason: `the signature of ${wrongHash.delegation} is bound to another text`,
      manifest,
    }
  for (const s of manifest.signatures) {
    if (!s.passkey) continue
    const { statement } = s.passkey
    if (statement.hash !== manifest.hash || statement.delegation !== s.delegation)
      return {
        valid: false,
        reason: `the passkey signature of ${s.delegation} is over another text or delegation`,
        manifest,
      }
    const wrong = await checkAssertion(s.passkey)
    if (wrong) return { valid: false, reason: `the passkey signature of ${s.delegation}: ${wrong}`, manifest }
  }
  if (pagesDigest(pdf) !== manifest.pages)
    return {
      valid: false,
      reason: 'the pages differ from the pages that were signed (text or signature page changed)',
      manifest,
    }
  if (manifest.pdfCertificate !== undefined) {
    // Fonts, annotations, attachments, anything appended: every byte is under the file's signature.
    const whole = checkWholeFile(bytes)
    if (!whole.ok) return { valid: false, reason: whole.reason, manifest }
    if (whole.fingerprint !== manifest.pdfCertificate)
      return {
        valid: false,
        reason: 'the file is signed with another certificate than the manifest names',
        manifest,
      }
  }
  return { valid: true, manifest }
}
