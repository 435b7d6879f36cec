/**
 * @module The chaos run: honest browsers (the real editor in headless Chromium) and stock y-websocket clients
 * (writing what the editor writes, with the editor's own `SuggestionWriter`) propose words in negotiation while
 * their network drops, pages reload and the server is SIGKILLed and restarted at random. At the end every word
 * any of them saw typed must be in the text, and nothing may have been refused.
 *
 *   npm run bench:chaos        # CHAOS_SECONDS=120 CHAOS_BROWSERS=3 CHAOS_CLIENTS=3 CHAOS_SEED=1 by default
 *
 * Prints a table: operations, outages, reloads, kills, words lost (must be 0), refusals (must be 0); exits 1
 * if a word was lost or anything refused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BODY } from '../workflows/document/format.js'
import { keepFormattingItems } from '../workflows/document/formatting-items.js'
import { SuggestionWriter, textOf } from '../workflows/suggestions/writer.js'
import { freePort } from '../scripts/local-services.js'
import type { Invitation } from '../server/invites.js'
import { launchChromium } from '../test/helpers/browser.js'
import { AccordServer } from './load/accord-server.js'

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 120)
const BROWSERS = Number(process.env.CHAOS_BROWSERS ?? 3)
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 3)
let seed = Number(process.env.CHAOS_SEED ?? 1) >>> 0
const PARAGRAPHS = ['op-friendship', 'op-economy', 'op-health', 'op-climate', 'op-urban', 'op-training']
const BROWSER_DRAFTERS = ['osaka-drafter', 'rotterdam-drafter', 'shanghai-drafter', 'leipzig-head']
const CLIENT_DRAFTERS = ['manila-head', 'bangkok-head', 'minsk-drafter', 'osaka-head']

/** Seeded, so that a run can be repeated. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const between = (low: number, high: number) => low + random() * (high - low)
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const tally = { typed: 0, outages: 0, reloads: 0, kills: 0, refusals: 0 }
const typedWords: string[] = []
function counted(word: string): void {
  if (process.env.CHAOS_DEBUG) console.log('typed', word, Date.now() % 100000)
  typedWords.push(word)
  tally.typed += 1
}

/** The plain words of a declaration, paragraph after paragraph (marks left out). */
function wordsOf(doc: Y.Doc): string {
  return doc
    .getXmlFragment(BODY)
    .toArray()
    .map((node) => {
      const text = node instanceof Y.XmlElement ? textOf(node) : null
      return text ? (text.toDelta() as { insert: unknown }[]).map((op) => String(op.insert)).join('') : ''
    })
    .join('\n')
}

/** A `ws` socket shaped for y-websocket that fetches a fresh single-use ticket for every connection. */
function ticketedNodeSocket(server: AccordServer, token: string): typeof globalThis.WebSocket {
  class TicketedSocket {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3
    binaryType = 'arraybuffer'
    onopen: ((event: unknown) => void) | null = null
    onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
    onclose: ((event: { code: number; reason: string }) => void) | null = null
    onerror: ((event: unknown) => void) | null = null
    readyState = 0
    private socket: WebSocket | null = null
    constructor(url: string) {
      fetch(`${server.url}/api/documents/closing-statement/ticket`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(`ticket ${response.status}`)
          const { ticket } = (await response.json()) as { ticket: string }
          const target = new URL(url)
          target.searchParams.set('ticket', ticket)
          const socket = new WebSocket(target)
          socket.binaryType = 'arraybuffer'
          socket.onopen = () => {
            this.readyState = 1
            this.onopen?.({})
          }
          socket.onmessage = (event) => this.onmessage?.({ data: event.data as ArrayBuffer })
          socket.onerror = () => undefined
          socket.onclose = (event) => this.finish(event.code, event.reason)
          this.socket = socket
        })
        .catch(() => this.finish(4000, 'server unreachable'))
    }
    send(data: Uint8Array): void {
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(data)
    }
    close(): void {
      this.socket?.close()
      this.finish(1000, 'closed')
    }
    private finish(code: number, reason: string): void {
      if (this.readyState === 3) return
      this.readyState = 3
      this.onclose?.({ code, reason })
    }
  }
  return TicketedSocket as unknown as typeof globalThis.WebSocket
}

/** A stock client proposing words as the editor would; drops its line now and then. */
async function stockDrafter(
  server: AccordServer,
  invitation: Invitation,
  index: number,
  until: number,
): Promise<{ done: Promise<void>; text: () => string; state: () => string; stop: () => void }> {
  const doc = new Y.Doc()
  keepFormattingItems(doc)
  const provider = new WebsocketProvider(
    server.url.replace('http', 'ws') + '/collab',
    'closing-statement',
    doc,
    {
      WebSocketPolyfill: ticketedNodeSocket(server, invitation.token),
      disableBc: true,
      shouldReconnect: () => true,
    },
  )
  provider.on('connection-close', (event) => {
    if (process.env.CHAOS_DEBUG)
      console.log(`stock client ${index} closed`, event?.code, event?.reason, Date.now() % 100000)
    if (event && [4400, 4403, 4409].includes(event.code)) {
      tally.refusals += 1
      console.error(`stock client ${index} refused: ${event.code} ${event.reason}`)
    }
  })
  const writer = new SuggestionWriter({
    author: { delegation: invitation.delegation, participant: invitation.participant },
    newId: () => `s-chaos-${index}-${Math.floor(random() * 1e9).toString(36)}`,
    newParagraphId: () => `p-chaos-${index}-${Math.floor(random() * 1e9).toString(36)}`,
    now: () => new Date().toISOString(),
  })
  let n = 0
  const loop = (async () => {
    while (!provider.synced) await sleep(50)
    while (Date.now() < until) {
      await sleep(between(300, 1000))
      if (random() < 0.03) {
        tally.outages += 1
        if (process.env.CHAOS_DEBUG) console.log(`stock client ${index} outage`, Date.now() % 100000)
        provider.disconnect()
        await sleep(between(1000, 6000))
        provider.connect()
      }
      const word = ` c${index}w${++n}`
      const target = pick(PARAGRAPHS)
      let written = false
      doc.transact(() => {
        const paragraph = doc
          .getXmlFragment(BODY)
          .toArray()
          .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === target)
        const text = paragraph instanceof Y.XmlElement ? textOf(paragraph) : null
        if (!text) return
        writer.replace(text, text.length, text.length, [{ text: word, attributes: {} }])
        written = true
      }, 'typed')
      if (written) counted(word.trim())
    }
  })()
  return {
    done: loop,
    text: () => wordsOf(doc),
    state: () =>
      `connected=${provider.wsconnected} synced=${provider.synced} shouldConnect=${provider.shouldConnect}`,
    stop: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

async function typeAtEnd(page: Page, paragraph: string, word: string): Promise<boolean> {
  const selector = `p[data-paragraph-id="${paragraph}"]`
  if ((await page.locator(selector).count()) === 0) return false
  await page.locator(selector).evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    let last: Text | null = null
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!node.parentElement?.closest('.collaboration-carets__caret')) last = node as Text
    if (!last) return
    ;(element as HTMLElement).focus()
    const range = document.createRange()
    range.setStart(last, last.length)
    range.collapse(true)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
  })
  await sleep(30)
  // One input event for the word: two delegates typing character by character at the very same spot interleave
  // their characters (nothing lost, but no longer a word this check can find).
  await page.keyboard.insertText(` ${word}`)
  // Counted only once the delegate sees it typed: from then on it must never be lost.
  return page
    .locator(selector)
    .textContent({ timeout: 2_000 })
    .then((text) => text?.includes(word) ?? false)
    .catch(() => false)
}

async function browserDrafter(page: Page, url: string, index: number, until: number): Promise<void> {
  let n = 0
  while (Date.now() < until) {
    await sleep(between(300, 900))
    const roll = random()
    if (roll < 0.03) {
      tally.outages += 1
      if (process.env.CHAOS_DEBUG) console.log(`browser ${index} offline`, Date.now() % 100000)
      await page.context().setOffline(true)
      const back = Date.now() + between(2000, 8000)
      while (Date.now() < back) {
        const word = `b${index}w${++n}`
        if (await typeAtEnd(page, pick(PARAGRAPHS), word)) counted(word)
        await sleep(between(300, 900))
      }
      await page.context().setOffline(false)
      continue
    }
    if (roll < 0.04) {
      tally.reloads += 1
      if (process.env.CHAOS_DEBUG) console.log(`browser ${index} reload`, Date.now() % 100000)
      await page.reload().catch(() => undefined)
      await page.waitForSelector('.declaration-text p[data-number]', { timeout: 30_000 }).catch(async () => {
        await page.goto(url).catch(() => undefined)
      })
      continue
    }
    const word = `b${index}w${++n}`
    if (await typeAtEnd(page, pick(PARAGRAPHS), word)) counted(word)
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-chaos-'))
  const server = new AccordServer(await freePort(), dataDir, {}, Boolean(process.env.CHAOS_DEBUG))
  await server.start()
  const invites = server.invitations()
  const invitation = (participant: string) => invites.find((i) => i.participant === participant)!
  const chair = invitation('ho-chi-minh-city-chair')
  const moved = await fetch(`${server.url}/api/documents/closing-statement/stage`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${chair.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ stage: 'negotiation' }),
  })
  if (!moved.ok) throw new Error(`could not open the negotiation: ${moved.status}`)

  const browser = await launchChromium()
  const pages: { page: Page; url: string }[] = []
  for (const participant of BROWSER_DRAFTERS.slice(0, BROWSERS)) {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.on('dialog', (dialog) => void dialog.accept())
    const url = invitation(participant).url.replace('http://localhost:8787', server.url)
    await page.goto(url)
    await page.waitForSelector('.declaration-text p[data-number]', { timeout: 30_000 })
    pages.push({ page, url: page.url() })
  }
  const until = Date.now() + SECONDS * 1000
  const stops = await Promise.all(
    CLIENT_DRAFTERS.slice(0, CLIENTS).map((participant, i) =>
      stockDrafter(server, invitation(participant), i + 1, until),
    ),
  )
  const killer = (async () => {
    while (Date.now() < until - 10_000) {
      await sleep(between(12_000, 25_000))
      if (Date.now() >= until - 5_000) break
      tally.kills += 1
      if (process.env.CHAOS_DEBUG) console.log('kill', Date.now() % 100000)
      await server.kill('SIGKILL')
      await sleep(between(1000, 4000))
      await server.start()
    }
  })()
  await Promise.all([...pages.map(({ page, url }, i) => browserDrafter(page, url, i + 1, until)), killer])

  // Everyone back online; let what is unsaved arrive.
  for (const { page, url } of pages) {
    await page.context().setOffline(false)
    if ((await page.locator('.declaration-text').count()) === 0) await page.goto(url).catch(() => undefined)
  }
  const settledBy = Date.now() + 60_000
  for (const { page } of pages) {
    while (Date.now() < settledBy) {
      const state = await page
        .getByTestId('connection')
        .getAttribute('data-state')
        .catch(() => null)
      if (state === 'saved') break
      await sleep(250)
    }
    tally.refusals += await page.getByTestId('refused-change').count()
  }
  await Promise.all(stops.map((client) => client.done))
  // What the server holds, read by a fresh stock client that stays connected: words still on their way (a stock
  // client reconnecting after its last outage) are given 30 s to arrive.
  const reader = new Y.Doc()
  const readerProvider = new WebsocketProvider(
    server.url.replace('http', 'ws') + '/collab',
    'closing-statement',
    reader,
    {
      WebSocketPolyfill: ticketedNodeSocket(
        server,
        invitation('japan-viet-nam-friendship-parliamentary-alliance-observer').token,
      ),
      disableBc: true,
    },
  )
  while (!readerProvider.synced) await sleep(50)
  // Tokens are unique and never a prefix of one another but for trailing digits; two typed at the same spot
  // at the same moment may end up side by side without a space, which is fine.
  const holds = (text: string, word: string) => new RegExp(`${word}(?!\\d)`).test(text)
  const missing = () => typedWords.filter((word) => !holds(wordsOf(reader), word))
  const deadline = Date.now() + 30_000
  while (missing().length > 0 && Date.now() < deadline) await sleep(500)
  const lost = missing()
  const keptByWriter = lost.filter((word) => stops.some((client) => holds(client.text(), word)))
  if (process.env.CHAOS_DEBUG) console.log(wordsOf(reader))
  if (process.env.CHAOS_DEBUG) console.log(stops.map((client) => client.state()))
  readerProvider.destroy()
  for (const client of stops) client.stop()
  await browser.close()
  await server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })

  const rows: [string, string | number][] = [
    ['duration', `${SECONDS} s`],
    ['browsers (editor) / stock clients', `${BROWSERS} / ${CLIENTS}`],
    ['words typed (operations)', tally.typed],
    ['network outages', tally.outages],
    ['page reloads', tally.reloads],
    ['server SIGKILLs and restarts', tally.kills],
    ['words lost', lost.length],
    ['refusals', tally.refusals],
  ]
  console.log('| chaos run | figure |\n|---|---|')
  for (const [label, value] of rows) console.log(`| ${label} | ${value} |`)
  if (lost.length > 0)
    console.log(
      `lost: ${lost.join(', ')} (of which still in their stock client's copy: ${keptByWriter.length})`,
    )
  process.exit(lost.length === 0 && tally.refusals === 0 ? 0 : 1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(2)
})
