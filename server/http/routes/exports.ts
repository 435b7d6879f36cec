/**
 * @module The declaration leaving Accord: as a PDF, and as Word.
 *
 * - `GET /api/documents/:id/pdf` — once adopted: the signed final PDF (adopted text, signature page, annex of
 *   reservations, the canonical hash on every page, the server-signed manifest); before: a draft of the live text
 * - `GET /api/documents/:id/pdf?revision=N` — a draft of a published revision
 * - `GET /api/documents/:id/docx[?revision=N]` — the live text as Word: pending suggestions as tracked changes
 *   (author = the delegation, with its supporters in the caller's language), open threads as comments; or a
 *   published revision
 * - `GET /api/signing-key` — the server's Ed25519 public key (PEM), to check final PDFs with `accord verify`
 *
 * The words the PDF adds (signature page, footer, watermark) are in the caller's language (`?lang=vi`).
 * Drafts are watermarked and carry no manifest. A character the embedded font cannot draw gives 422 naming it.
 */
import { Hono } from 'hono'
import type { FinalText, Endorsement } from '../../../workflows/consensus/endorsements.js'
import { isGridPosition, type Position } from '../../../workflows/consensus/positions.js'
import { dayInHostTime } from '../../../workflows/conference/host-time.js'
import { LOCALES, translate } from '../../../workflows/i18n/catalogue.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { auditHeadOf } from '../../audit/anchors.js'
import { canonicalDocument, textLanguage } from '../../document/canonical.js'
import { emphasisOf } from '../../document/emphasis.js'
import { positionsOf } from '../../document/consensus.js'
import type { DeclarationPdfInput } from '../../export/pdf.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, notFound } from '../errors.js'
import { languageOf } from '../language.js'
import { documentOfCaller } from './document-of-caller.js'
import type { Signature } from './signatures.js'

/** The titles are the canonical text's lines before its first blank line. */
const titlesOf = (text: string) => text.split('\n\n')[0]!.split('\n')

/** Mounted inside the documents routes, which authenticate the caller. */
export function exportRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get('/:id/pdf', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const revisions = await services.storage.listRevisions(document.id)
    const delegations = new Map(
      (await services.storage.listDelegations(document.conference)).map((d) => [d.id, d]),
    )
    const conference = await services.storage.getConference(document.conference)
    const timeZone = conference?.hostTimeZone ?? 'UTC'
    const requested = c.req.query('revision')
    const language = languageOf(c)
    const state = await services.registry.use(document.id, (shared) => {
      const workflow = shared.doc.getMap(WORKFLOW)
      return {
        final: workflow.get('final') as FinalText | undefined,
        signatures: Object.values(
          (workflow.get('signatures') as Record<string, Signature> | undefined) ?? {},
        ),
        positions: positionsOf(shared),
        live: canonicalDocument(shared.doc),
        emphasis: emphasisOf(shared.doc),
        audit: auditHeadOf(shared.doc),
        language: textLanguage(shared.doc),
        endorsements: Object.values(
          (workflow.get('endorsements') as Record<string, Endorsement> | undefined) ?? {},
        ),
      }
    })
    const revision = requested ? revisions.find((r) => String(r.seq) === requested) : undefined
    if (requested && !revision) throw notFound('The revision')
    const adopted =
      !requested && state.final ? revisions.findLast((r) => r.hash === state.final!.hash) : undefined
    const source = revision ?? adopted ?? { name: translate(language, 'pdf.liveText'), ...state.live }
    const [title, localTitle] = titlesOf(source.text)
    // Signatories' functions, for the signature page of the adopted text only.
    const functions = new Map(
      adopted
        ? (await services.storage.listParticipants(document.conference, true)).map((p) => [
            p.id,
            p.function ?? '',
          ])
        : [],
    )
    const signatures = [...state.signatures].sort((a, b) => a.at.localeCompare(b.at))
    const input: DeclarationPdfInput = {
      title: title ?? document.title,
      localTitle: localTitle ?? null,
      paragraphs: source.paragraphs.map(({ id, number, text }) => ({
        number,
        text,
        ...(state.emphasis.has(id) ? { runs: state.emphasis.get(id)! } : {}),
      })),
      hash: source.hash,
      final: Boolean(adopted),
      draftOf: source.name,
      signatures: adopted
        ? signatures.map((s) => ({
            delegationName: s.delegationName,
            country: delegations.get(s.delegation)?.country ?? '',
            signatory: s.signatory,
            function: functions.get(s.participant) ?? '',
            signedOn: dayInHostTime(Date.parse(s.at), timeZone, LOCALES[language]),
            position: isGridPosition(s.position)
              ? translate(language, `signature.${s.position}`)
              : s.position,
            ...(s.passkey ? { key: s.passkey.fingerprint } : {}),
          }))
        : [],
      ...(adopted && state.final
        ? {
            doneAt: translate(language, 'pdf.doneAt', {
              place:
                conference?.hostLocality || conference?.venue || translate(language, 'pdf.theConference'),
              day: dayInHostTime(Date.parse(state.final.adoptedAt), timeZone, LOCALES[language]),
            }),
          }
        : {}),
      reservations: adopted ? reservationsOf(state.positions, source.paragraphs, delegations) : [],
      // The last event the PDF records: the same inputs give the same bytes.
      language,
      ...(adopted
        ? {
            archive: {
              canonicalText: source.text,
              fileName: `${document.id}-adopted-text.txt`,
              language: state.language,
            },
          }
        : {}),
      generatedAt: adopted
        ? [state.final!.adoptedAt, ...signatures.map((s) => s.at)].sort().at(-1)!
        : new Date(services.now()).toISOString(),
    }
    // The PDF and Word libraries load on the first export, not with every server (tens of MiB).
    const { declarationPdf, UnsupportedCharactersError } = await import('../../export/pdf.js')
    const { signPdf } = await import('../../export/manifest.js')
    let bytes: Uint8Array
    try {
      bytes = await declarationPdf(input)
    } catch (error) {
      if (error instanceof UnsupportedCharactersError)
        throw new ApiError(422, 'unsupported-characters', error.message)
      throw error
    }
    if (adopted) {
      const { loadOrCreatePdfSigner, signWholeFile } = await import('../../export/pdf-signature.js')
      const signer = loadOrCreatePdfSigner(services.pdfSignerFile)
      bytes = await signPdf(
        bytes,
        {
          document: document.id,
          title: input.title,
          hash: source.hash,
          signatures: signatures.map(({ delegation, signatory, at, hash, position, passkey }) => ({
            delegation,
            signatory,
            at,
            hash,
            position,
            ...(passkey ? { passkey } : {}),
          })),
          generatedAt: input.generatedAt,
          ...(state.audit ? { audit: state.audit } : {}),
          pdfCertificate: signer.fingerprint,
        },
        services.signingKey,
      )
      // Last, the file as a whole: any byte changed or added after this is seen (pdfsig, accord verify).
      bytes = await signWholeFile(bytes, signer, {
        reason: `Adopted text, SHA-256 ${source.hash}`,
        location: conference?.hostLocality || conference?.venue || '',
        signingTime: new Date(input.generatedAt),
      })
    }
    const name = `${document.id}-${adopted ? 'final' : 'draft'}.pdf`
    c.header('Content-Type', 'application/pdf')
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    c.header('X-Accord-Hash', source.hash)
    return c.body(bytes as Uint8Array<ArrayBuffer>)
  })

  /** The live text as Word: pending suggestions as tracked changes, open threads as comments. */
  app.get('/:id/docx', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const names = new Map(
      (await services.storage.listDelegations(document.conference)).map((d) => [d.id, d.name]),
    )
    const requested = c.req.query('revision')
    const revision = requested
      ? (await services.storage.listRevisions(document.id)).find((r) => String(r.seq) === requested)
      : undefined
    if (requested && !revision) throw notFound('The revision')
    const { declarationDocx, revisionDocx } = await import('../../export/docx.js')
    const bytes = revision
      ? await revisionDocx(titlesOf(revision.text), revision.paragraphs)
      : await services.registry.use(document.id, (shared) =>
          declarationDocx(shared.doc, {
            delegationName: (id) => names.get(id) ?? id,
            language: languageOf(c),
          }),
        )
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    c.header('Content-Disposition', `attachment; filename="${document.id}.docx"`)
    return c.body(bytes as Uint8Array<ArrayBuffer>)
  })

  return app
}

function reservationsOf(
  positions: Position[],
  paragraphs: { id: string; number: string }[],
  delegations: Map<string, { name: string }>,
) {
  const numbers = new Map(paragraphs.map((p) => [p.id, p.number]))
  return positions
    .filter((p) => p.kind === 'reservation' && p.statement)
    .map((p) => ({
      delegationName: delegations.get(p.delegation)?.name ?? p.delegation,
      paragraphs: (p.paragraphs ?? []).map((id) => numbers.get(id) ?? id),
      statement: p.statement!,
    }))
}
