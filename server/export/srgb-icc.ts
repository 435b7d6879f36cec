/**
 * @module An sRGB ICC profile (version 2, display class), written out by code: PDF/A needs the colour space its
 * pages are in named by an embedded profile (the OutputIntent), and no profile ships with Node or the machines
 * Accord runs on. Primaries and white point are sRGB's (IEC 61966-2-1), adapted to the profile connection space's
 * D50 white by the Bradford transform; the tone curve is sRGB's own, sampled at 1,024 points.
 */

/** ICC's s15Fixed16Number. */
function fixed(value: number): number {
  return Math.round(value * 65536) >>> 0
}

function xyzTag(x: number, y: number, z: number): Buffer {
  const tag = Buffer.alloc(20)
  tag.write('XYZ ', 0, 'ascii')
  tag.writeUInt32BE(fixed(x), 8)
  tag.writeUInt32BE(fixed(y), 12)
  tag.writeUInt32BE(fixed(z), 16)
  return tag
}

function curveTag(points: number): Buffer {
  const tag = Buffer.alloc(12 + points * 2)
  tag.write('curv', 0, 'ascii')
  tag.writeUInt32BE(points, 8)
  for (let i = 0; i < points; i++) {
    const v = i / (points - 1)
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
    tag.writeUInt16BE(Math.round(linear * 65535), 12 + i * 2)
  }
  return tag
}

function descriptionTag(text: string): Buffer {
  // textDescriptionType: the ASCII description, then empty Unicode and ScriptCode parts.
  const tag = Buffer.alloc(12 + text.length + 1 + 4 + 4 + 2 + 1 + 67)
  tag.write('desc', 0, 'ascii')
  tag.writeUInt32BE(text.length + 1, 8)
  tag.write(text, 12, 'ascii')
  return tag
}

function textTag(text: string): Buffer {
  const tag = Buffer.alloc(8 + text.length + 1)
  tag.write('text', 0, 'ascii')
  tag.write(text, 8, 'ascii')
  return tag
}

const pad = (b: Buffer) => (b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]))

/** The profile's bytes (about 2.6 KB). */
export function srgbProfile(): Buffer {
  const curve = curveTag(1024)
  const tags: [string, Buffer][] = [
    ['desc', descriptionTag('sRGB IEC61966-2.1')],
    ['cprt', textTag('No copyright, use freely')],
    ['wtpt', xyzTag(0.9642, 1, 0.8249)],
    ['rXYZ', xyzTag(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyzTag(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyzTag(0.1431, 0.0606, 0.7141)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ]
  const tableSize = 4 + tags.length * 12
  const body: Buffer[] = []
  const offsets = new Map<Buffer, number>()
  let offset = 128 + tableSize
  const table = Buffer.alloc(tableSize)
  table.writeUInt32BE(tags.length, 0)
  tags.forEach(([signature, data], i) => {
    // The three tone curves are one curve, stored once.
    if (!offsets.has(data)) {
      offsets.set(data, offset)
      body.push(pad(data))
      offset += pad(data).length
    }
    table.write(signature, 4 + i * 12, 'ascii')
    table.writeUInt32BE(offsets.get(data)!, 8 + i * 12)
    table.writeUInt32BE(data.length, 12 + i * 12)
  })
  const header = Buffer.alloc(128)
  header.writeUInt32BE(offset, 0)
  header.writeUInt32BE(0x02100000, 8) // Version 2.1.
  header.write('mntr', 12, 'ascii')
  header.write('RGB ', 16, 'ascii')
  header.write('XYZ ', 20, 'ascii')
  // Created 1 January 2022, 00:00: fixed, so that the same inputs give the same PDF bytes.
  ;[2022, 1, 1, 0, 0, 0].forEach((n, i) => header.writeUInt16BE(n, 24 + i * 2))
  header.write('acsp', 36, 'ascii')
  header.writeUInt32BE(fixed(0.9642), 68)
  header.writeUInt32BE(fixed(1), 72)
  header.writeUInt32BE(fixed(0.8249), 76)
  return Buffer.concat([header, table, ...body])
}
