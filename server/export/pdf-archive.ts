/**
 * @module The final PDF as an archive file, PDF/A-3b (ISO 19005-3, level B): the colour space named by an embedded
 * sRGB profile (OutputIntent), XMP metadata that says PDF/A-3b and agrees with the document information, a file
 * identifier, every font embedded (pdf-text.ts), and the adopted text in canonical form attached as a file
 * (`AFRelationship /Source`), so that the exact words — whose SHA-256 is the final hash — can be taken out
 * without a text extractor (`pdfdetach -save 1 final.pdf`).
 *
 * Checked by the integration tests with poppler (pdfinfo reads the PDF/A part and level from the XMP, pdffonts
 * shows every font embedded, pdfdetach takes the text out) and by structure; veraPDF, the reference validator,
 * is not installable here (not on the npm or Debian registries).
 */
import { createHash } from 'node:crypto'
import type { PDFDocument } from 'pdf-lib'
import { AFRelationship, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import { srgbProfile } from './srgb-icc.js'

export interface ArchiveInput {
  title: string
  /** BCP 47 language of the text ("en"). */
  language: string
  /** The adopted text in canonical form, attached as a file. */
  canonicalText: string
  fileName: string
  /** When the PDF was made: the same instant as the document information's dates. */
  at: Date
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Call before saving: the PDF's document information (title, creator, producer, dates) must be set already. */
export async function makeArchival(pdf: PDFDocument, input: ArchiveInput): Promise<void> {
  const { context, catalog } = pdf
  const when = input.at.toISOString().replace(/\.\d{3}Z$/, 'Z')

  await pdf.attach(Buffer.from(input.canonicalText, 'utf8'), input.fileName, {
    mimeType: 'text/plain',
    description: 'The adopted text in canonical form; its SHA-256 is the final hash',
    creationDate: input.at,
    modificationDate: input.at,
    afRelationship: AFRelationship.Source,
  })

  const profile = context.register(context.flateStream(srgbProfile(), { N: 3 }))
  catalog.set(
    PDFName.of('OutputIntents'),
    context.obj([
      context.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
        Info: PDFString.of('sRGB IEC61966-2.1'),
        DestOutputProfile: profile,
      }),
    ]),
  )

  const metadata = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(input.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${xml(input.language)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>Accord</xmp:CreatorTool>
   <xmp:CreateDate>${when}</xmp:CreateDate>
   <xmp:ModifyDate>${when}</xmp:ModifyDate>
   <xmp:MetadataDate>${when}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>Accord (pdf-lib)</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
  // Not compressed: archive readers find the metadata without a decoder.
  const stream = context.stream(Buffer.from(metadata, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })
  catalog.set(PDFName.of('Metadata'), context.register(stream))
  catalog.set(PDFName.of('Lang'), PDFString.of(input.language))

  // The file identifier, from what the file is of: the same inputs give the same bytes.
  const id = createHash('sha256')
    .update(`${input.title}\n${when}\n${input.canonicalText}`)
    .digest('hex')
    .slice(0, 32)
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)])
}
