/**
 * @module How large a ZIP archive (a .docx) says it becomes once unzipped: the sum of its entries' uncompressed
 * sizes, read from the central directory without inflating anything. A 340 KB Word file whose XML inflated to
 * 100 MB kept the server busy for minutes; such a file is now refused before any unzipping starts. (A file that
 * lies about its sizes is caught by the unzipper's own checks after the fact; this bound is the cheap first line.)
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50

/** The declared unzipped size, or null when the bytes are not a ZIP archive Accord can read (ZIP64 included). */
export function zipInflatedSize(zip: Buffer): number | null {
  const earliest = Math.max(0, zip.length - 22 - 0xffff)
  let end = -1
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) return null
  const entries = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return null
    const size = zip.readUInt32LE(at + 24)
    if (size === 0xffffffff) return null
    total += size
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return total
}
