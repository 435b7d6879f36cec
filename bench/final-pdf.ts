/**
 * @module The time and size of the signed final PDF for a 50-page text with 200 signatories (and 20
 * reservations), generated and signed as the server does. Run: `npm run bench:pdf`.
 */
import { generateKeyPairSync } from 'node:crypto'
import { PDFDocument } from 'pdf-lib'
import { declarationPdf, type DeclarationPdfInput } from '../server/export/pdf.js'
import { signPdf } from '../server/export/manifest.js'

const SENTENCE =
  'The partner localities will exchange experience in urban management, public health and climate adaptation; các địa phương đối tác sẽ trao đổi kinh nghiệm; города-партнёры обменяются опытом. '
const input: DeclarationPdfInput = {
  title: 'Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022',
  localTitle: 'Tuyên bố chung của Đối thoại Hữu nghị Thành phố Hồ Chí Minh năm 2022',
  paragraphs: Array.from({ length: 240 }, (_, i) => ({
    number: `OP${i + 1}`,
    text: SENTENCE.repeat(3).trim(),
  })),
  hash: 'a'.repeat(64),
  final: true,
  signatures: Array.from({ length: 200 }, (_, i) => ({
    delegationName: `Locality ${i + 1}`,
    country: 'Viet Nam',
    signatory: 'Head of delegation',
    function: 'Vice-Chairman of the People’s Committee',
    signedOn: '20 September 2022',
    position: i % 10 === 0 ? 'Approved with a reservation (see the annex)' : 'Approved',
  })),
  doneAt: 'Done at Ho Chi Minh City on 20 September 2022.',
  reservations: Array.from({ length: 20 }, (_, i) => ({
    delegationName: `Locality ${i * 10 + 1}`,
    paragraphs: [`OP${i + 4}`],
    statement: 'This locality reads the paragraph as covering services as well as goods.',
  })),
  generatedAt: '2022-09-20T12:00:00.000Z',
}
const { privateKey } = generateKeyPairSync('ed25519')
const manifest = {
  document: 'closing-statement',
  title: input.title,
  hash: input.hash,
  signatures: input.signatures.map((s, i) => ({
    delegation: `d${i}`,
    signatory: s.signatory,
    at: '2022-09-20T11:00:00.000Z',
    hash: input.hash,
    position: s.position,
  })),
  generatedAt: input.generatedAt,
}

const times: number[] = []
let bytes: Uint8Array = new Uint8Array()
for (let run = 0; run < 6; run++) {
  const start = performance.now()
  bytes = await signPdf(await declarationPdf(input), manifest, privateKey)
  if (run > 0) times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
const pages = (await PDFDocument.load(bytes)).getPageCount()
console.log('## Signed final PDF: 50-page text, 200 signatories\n')
console.log('| paragraphs | pages | signatories | reservations | size | median time | max |')
console.log('|---:|---:|---:|---:|---:|---:|---:|')
console.log(
  `| ${input.paragraphs.length} | ${pages} | ${input.signatures.length} | ${input.reservations.length} | ${(bytes.length / 1024).toFixed(0)} KiB | ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms | ${times.at(-1)!.toFixed(0)} ms |`,
)
