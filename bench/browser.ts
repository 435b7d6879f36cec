/**
 * @module A 200-page text in the browser, where delegates feel it (issue 15). On a fresh server with the demo
 * conference, the secretariat writes 2,000 operative paragraphs (≈ 200,000 words, 4,000 bold or italic runs);
 * five delegations propose 500 suggestions (200, 100, 100, 50, 50) and heads open 200 threads. Then, in headless
 * Chromium (Debian's), for each run:
 *   open    — a drafter's page from navigation until the text is rendered and editable;
 *   typing  — the drafter types into a paragraph while 20 remote writers of other delegations (stock Yjs clients)
 *             type 2 characters/s each into other paragraphs: own keystroke → next frame, remote keystroke → on
 *             the drafter's screen, main-thread long tasks per second;
 *   panel   — the chair filters the suggestions panel to one delegation (click → list shown);
 *   accept  — the chair accepts all 200 of one delegation's suggestions: click → gone from the chair's screen
 *             and from the drafter's.
 * Each run is followed by the same typing on a bare TipTap 3 + Collaboration page on Hocuspocus 3.4 (the stack a
 * team would otherwise pick; bench/bare-page/) with the same text, for the comparison the issue asks for.
 * Prints a table with medians and ranges over the runs. Not a test: nothing fails on a figure.
 *
 * Run: `npm run bench:browser`. BROWSER_RUNS (default 3), BROWSER_KEYS (keystrokes per run, default 60),
 * BROWSER_PROFILE=DIR writes DevTools CPU profiles of the drafter's page: the first 8 s of remote typing
 * (remote-runN.cpuprofile) and the drafter's own typing under that load (typing-runN.cpuprofile, and a
 * DevTools trace, typing-runN.trace.json, which shows the time the profile calls "(program)": style, layout, paint).
 * BROWSER_TEXT_CACHE=DIR keeps the built text's data directory there and starts later runs from a copy of it
 * (building the text takes about a minute); for profiling rounds, not for the figures of record.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import * as Y from 'yjs'
import type { Invitation } from '../server/invites.js'
import { freePort } from '../scripts/local-services.js'
import { launchChromium } from '../test/helpers/browser.js'
import { RawClient } from '../test/helpers/raw-client.js'
import { suggestionMark, until } from '../test/helpers/yjs-clients.js'
import { BODY } from '../workflows/document/format.js'
import { AccordServer } from './load/accord-server.js'
import { HocuspocusClient } from './load/hocuspocus-client.js'
import { launch } from './servers/launch.js'
import { percentile, sleep } from './load/relay-load.js'

const PARAGRAPHS = 2000
const FORMATTED = 4000
const SUGGESTIONS_BY_DELEGATION = [200, 100, 100, 50, 50]
const THREADS = 200
const REMOTE_WRITERS = 20
const REMOTE_CHARACTERS_PER_SECOND = 2
const RUNS = Number(process.env.BROWSER_RUNS ?? 3)
const KEYS = Number(process.env.BROWSER_KEYS ?? 60)
const PROFILE_DIR = process.env.BROWSER_PROFILE
const TEXT_CACHE = process.env.BROWSER_TEXT_CACHE
const BUILT = 'bench-text-built'
const DOCUMENT = 'closing-statement'
const SENTENCE =
  'The partner localities will exchange experience in urban management, public health and climate adaptation, and will report on progress at each Dialogue, with the support of the secretariat and of their national authorities; they encourage enterprises, universities and civil society to take part. '

const log = (message: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`)
const paragraphId = (i: number) => `p-bench${String(i).padStart(5, '0')}`

interface Cast {
  typist: Invitation
  chair: Invitation
  proposers: Invitation[]
  writers: Invitation[]
  secretariat: Invitation
}

function castOf(invitations: Invitation[]): Cast {
  const drafters = invitations.filter((i) => i.role === 'drafter' && !i.participant.startsWith('ho-chi-minh'))
  const heads = invitations.filter((i) => i.role === 'head')
  const typist = drafters[0]!
  const proposers = drafters.slice(1, 1 + SUGGESTIONS_BY_DELEGATION.length)
  const writers = heads.filter((h) => h.delegation !== typist.delegation).slice(0, REMOTE_WRITERS)
  const find = (participant: string) => invitations.find((i) => i.participant === participant)!
  return {
    typist,
    chair: find('ho-chi-minh-city-chair'),
    proposers,
    writers,
    secretariat: invitations.find((i) => i.role === 'secretariat')!,
  }
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** Paragraphs `from` … `to` - 1 of the text, each 680 characters with two bold or italic runs. */
function textParagraphs(from: number, to: number): Y.XmlElement[] {
  const paragraphs: Y.XmlElement[] = []
  for (let i = from; i < to; i++) {
    const p = new Y.XmlElement('paragraph')
    p.setAttribute('id', paragraphId(i))
    p.setAttribute('kind', 'operative')
    p.setAttribute('status', 'open')
    p.insert(0, [new Y.XmlText(`${SENTENCE}${SENTENCE}${SENTENCE}`.slice(0, 680))])
    paragraphs.push(p)
  }
  return paragraphs
}

/** Formats the paragraphs' runs once they are in a document (formatting needs the text integrated). */
function formatRuns(paragraphs: Y.XmlElement[]): void {
  paragraphs.forEach((p, k) => {
    for (let f = 0; f < FORMATTED / PARAGRAPHS; f++) {
      const text = p.get(0) as Y.XmlText
      text.format(40 + f * 200 + (k % 50), 12, { [f % 2 ? 'bold' : 'italic']: {} })
    }
  })
}

/** Writes the 200-page text, its suggestions and threads through the server, as participants would. */
async function buildText(server: AccordServer, cast: Cast): Promise<void> {
  const secretariat = await RawClient.connect(server.url, cast.secretariat.token)
  for (let start = 0; start < PARAGRAPHS; start += 250) {
    secretariat.change((doc) => {
      const paragraphs = textParagraphs(start, start + 250)
      doc.getXmlFragment(BODY).push(paragraphs)
      formatRuns(paragraphs)
    })
  }
  const witness = await RawClient.connect(server.url, cast.chair.token)
  await until(() => witness.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'large text stored', 60_000)
  witness.close()
  secretariat.close()
  const stage = await post(`${server.url}/api/documents/${DOCUMENT}/stage`, cast.chair.token, {
    stage: 'negotiation',
  })
  if (!stage.ok) throw new Error(`stage: ${stage.status} ${await stage.text()}`)

  let paragraph = 0
  for (const [d, count] of SUGGESTIONS_BY_DELEGATION.entries()) {
    const proposer = cast.proposers[d]!
    const client = await RawClient.connect(server.url, proposer.token)
    await until(() => client.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'proposer synced', 60_000)
    client.change((doc) => {
      const byId = paragraphsById(doc)
      for (let s = 0; s < count; s++) {
        const text = byId.get(paragraphId((paragraph++ * 4) % PARAGRAPHS))!.get(0) as Y.XmlText
        const by = { delegation: proposer.delegation, participant: proposer.participant }
        text.insert(20 + (s % 5) * 100, 'jointly and ', suggestionMark('insertion', by, `bench-${d}-${s}`))
      }
    })
    await sleep(300)
    if (client.closed)
      throw new Error(`suggestions of ${proposer.participant} refused: ${client.closed.reason}`)
    client.close()
  }
  for (let t = 0; t < THREADS; t++) {
    const head = cast.writers[t % cast.writers.length]!
    const block = paragraphId((t * 10 + 1) % PARAGRAPHS)
    const response = await post(`${server.url}/api/documents/${DOCUMENT}/threads`, head.token, {
      startBlock: block,
      startOffset: 300,
      endBlock: block,
      endOffset: 330,
      text: `Comment ${t}: we would prefer a stronger commitment here.`,
    })
    if (response.status !== 201) throw new Error(`thread: ${response.status} ${await response.text()}`)
  }
}

function paragraphsById(doc: Y.Doc, field = BODY): Map<string, Y.XmlElement> {
  const map = new Map<string, Y.XmlElement>()
  for (const node of doc.getXmlFragment(field).toArray()) {
    if (node instanceof Y.XmlElement) map.set(String(node.getAttribute('id')), node)
  }
  return map
}

/** The bare TipTap + Hocuspocus stack: Hocuspocus 3.4 as its own process, the page served from dist. */
interface BareStack {
  serverUrl: string
  pageUrl: string
  close(): Promise<void>
}

const BARE_DOCUMENT = 'bench'
/** The fragment TipTap's Collaboration extension binds by default. */
const BARE_FIELD = 'default'
const BARE_PAGE = join(import.meta.dirname, '..', 'bench-bare-page')

async function startBareStack(): Promise<BareStack> {
  const hocuspocus = await launch('hocuspocus', { pin: false })
  const files = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const file = join(BARE_PAGE, path === '/' ? 'index.html' : path.replace(/\.\./g, ''))
    if (!existsSync(file)) return void response.writeHead(404).end()
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.html')
        ? 'text/html'
        : 'text/plain'
    response.writeHead(200, { 'Content-Type': type }).end(readFileSync(file))
  })
  await new Promise<void>((listening) => files.listen(0, '127.0.0.1', listening))
  const { port } = files.address() as AddressInfo
  // The same 2,000 paragraphs and 4,000 bold or italic runs, without suggestions or threads. The seeding client
  // stays connected: Hocuspocus keeps a document in memory only while someone is connected to it.
  const seeder = await HocuspocusClient.connect(hocuspocus.url, BARE_DOCUMENT)
  seeder.change((doc) => {
    const paragraphs = textParagraphs(0, PARAGRAPHS)
    doc.getXmlFragment(BARE_FIELD).push(paragraphs)
    formatRuns(paragraphs)
  })
  const ws = hocuspocus.url.replace(/^http/, 'ws')
  return {
    serverUrl: hocuspocus.url,
    pageUrl: `http://127.0.0.1:${port}/?ws=${encodeURIComponent(ws)}&name=${BARE_DOCUMENT}`,
    async close() {
      seeder.close()
      files.close()
      await hocuspocus.stop()
    },
  }
}

/** Page-side instruments, installed before the editor loads. */
function instruments(): void {
  const w = window as unknown as Record<string, unknown>
  const keyLatencies: number[] = []
  const longTasks: { start: number; duration: number }[] = []
  const arrivals: Record<string, [number, number][]> = {}
  w.__bench = { keyLatencies, longTasks, arrivals }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  document.addEventListener(
    'keydown',
    (event) => {
      const t0 = event.timeStamp
      requestAnimationFrame(() => setTimeout(() => keyLatencies.push(performance.now() - t0), 0))
    },
    true,
  )
  /** Watches paragraphs for remote words: each arrival is (time on screen, length of the paragraph's text). */
  w.__watch = (ids: string[]) => {
    const watched = new Set(ids)
    const root = document.querySelector('.declaration-text')!
    new MutationObserver((records) => {
      const changed = new Set<HTMLElement>()
      for (const r of records) {
        const p = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest<HTMLElement>(
          'p[data-paragraph-id]',
        )
        if (p && watched.has(p.dataset.paragraphId!)) changed.add(p)
      }
      if (changed.size === 0) return
      const lengths = [...changed].map((p) => [p.dataset.paragraphId!, p.textContent!.length] as const)
      requestAnimationFrame(() => {
        const at = performance.timeOrigin + performance.now()
        for (const [id, length] of lengths) (arrivals[id] ??= []).push([at, length])
      })
    }).observe(root, { subtree: true, childList: true, characterData: true })
  }
}

interface TypingFigures {
  keyP50: number
  keyP95: number
  remoteP50: number
  remoteP95: number
  remoteSeen: number
  remoteSent: number
  longTaskMsPerS: number
}

interface RunFigures extends TypingFigures {
  openMs: number
  filterMs: number
  acceptChairMs: number
  acceptTypistMs: number
}

interface BareFigures extends TypingFigures {
  openMs: number
}

async function openPage(browser: Browser, url: string): Promise<[Page, number]> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } })
  const page = await context.newPage()
  await page.addInitScript(instruments)
  const started = Date.now()
  await page.goto(url)
  await page.waitForSelector(
    `.declaration-text[contenteditable="true"] p[data-paragraph-id="${paragraphId(PARAGRAPHS - 1)}"]`,
    { timeout: 120_000 },
  )
  return [page, Date.now() - started]
}

const invitationUrl = (server: AccordServer, invitation: Invitation) =>
  invitation.url.replace(/^https?:\/\/[^/]+/, server.url)

/**
 * A remote writer: another delegation's stock Yjs client typing into its paragraph, one character at a time —
 * on Accord as a suggestion of its delegation, on the bare stack as plain characters (it has no suggestions).
 */
class Writer {
  /** When each character was sent, and the paragraph's length after it. */
  readonly sent: { at: number; length: number }[] = []
  private typed = 0
  /** The paragraph's text in the writer's copy, looked up once: nothing replaces it while the writers type. */
  private readonly text: Y.XmlText
  constructor(
    private readonly client: RawClient | HocuspocusClient,
    field: string,
    readonly paragraph: string,
    private readonly attributes?: Record<string, unknown>,
  ) {
    this.text = paragraphsById(client.doc, field).get(paragraph)!.get(0) as Y.XmlText
  }
  type(): void {
    const ch = 'abcdefghij'[this.typed % 10]!
    this.client.change(() => this.text.insert(60 + this.typed, ch, this.attributes))
    this.typed++
    this.sent.push({ at: Date.now(), length: this.text.length })
  }
  close(): void {
    this.client.close()
  }
}

/**
 * The drafter types KEYS characters into OP4 while the writers type 2 characters/s each: own keystroke → next
 * frame, remote keystroke → on the drafter's screen, long tasks per second of typing.
 */
async function typeUnderLoad(
  page: Page,
  writers: Writer[],
  profileAs: string | null,
): Promise<TypingFigures> {
  await page.evaluate(
    (ids) => (window as unknown as { __watch(ids: string[]): void }).__watch(ids),
    writers.map((w) => w.paragraph),
  )
  const cdp = profileAs ? await page.context().newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  const writing = writers.map((writer, w) =>
    setTimeout(
      () => {
        const timer = setInterval(() => writer.type(), 1000 / REMOTE_CHARACTERS_PER_SECOND)
        writing.push(timer)
      },
      (w * 1000) / REMOTE_CHARACTERS_PER_SECOND / writers.length,
    ),
  )
  log('remote writers typing')
  if (cdp) {
    // The profile covers the first 8 s of remote typing (then the drafter types).
    await sleep(8000)
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(join(PROFILE_DIR!, `remote-${profileAs}.cpuprofile`), JSON.stringify(profile))
    log('profile written')
  }
  const target = page.locator(`p[data-paragraph-id="${paragraphId(3)}"]`)
  await target.click()
  await page.keyboard.press('End')
  await page.waitForTimeout(2000)
  const browser = page.context().browser()!
  if (cdp) {
    await cdp.send('Profiler.start')
    await browser.startTracing(page, { path: join(PROFILE_DIR!, `typing-${profileAs}.trace.json`) })
  }
  const typingFrom = await page.evaluate(() => performance.now())
  await page.evaluate(
    () => ((window as unknown as { __bench: { keyLatencies: number[] } }).__bench.keyLatencies.length = 0),
  )
  for (let k = 0; k < KEYS; k++) {
    await page.keyboard.type('xyzw '[k % 5]!)
    await sleep(120)
  }
  await sleep(1000)
  const typingTo = await page.evaluate(() => performance.now())
  log('typed')
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(join(PROFILE_DIR!, `typing-${profileAs}.cpuprofile`), JSON.stringify(profile))
    await browser.stopTracing()
  }
  for (const timer of writing) clearTimeout(timer)
  for (const timer of writing) clearInterval(timer)
  // Let everything sent arrive (or not) before reading the arrivals.
  await sleep(3000)
  const bench = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    keyLatencies: number[]
    longTasks: { start: number; duration: number }[]
    arrivals: Record<string, [number, number][]>
  }
  const remote: number[] = []
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
  let remoteSent = 0
  for (const writer of writers) {
    // The paragraph on the page shows exactly the writer's text (no other writer there, no widget text).
    const seen = bench.arrivals[writer.paragraph] ?? []
    for (const sent of writer.sent) {
      remoteSent++
      const arrival = seen.find(([at, length]) => length >= sent.length && at >= sent.at - 5)
      if (arrival) remote.push(arrival[0] - sent.at)
    }
    writer.close()
  }
  const longTaskMs = bench.longTasks
    .filter((t) => t.start >= typingFrom && t.start < typingTo)
    .reduce((sum, t) => sum + t.duration, 0)
  return {
    keyP50: percentile(sorted(bench.keyLatencies), 50),
    keyP95: percentile(sorted(bench.keyLatencies), 95),
    remoteP50: percentile(sorted(remote), 50),
    remoteP95: percentile(sorted(remote), 95),
    remoteSeen: remote.length,
    remoteSent,
    longTaskMsPerS: (longTaskMs / (typingTo - typingFrom)) * 1000,
  }
}

async function oneRun(browser: Browser, server: AccordServer, cast: Cast, run: number): Promise<RunFigures> {
  const [typist, openMs] = await openPage(browser, invitationUrl(server, cast.typist))
  log(`typist's page open in ${openMs} ms`)
  const [chair] = await openPage(browser, invitationUrl(server, cast.chair))
  log(`chair's page open`)
  await typist.waitForTimeout(1000)

  const writers: Writer[] = []
  for (const [w, who] of cast.writers.entries()) {
    const client = await RawClient.connect(server.url, who.token)
    await until(() => client.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'writer synced', 60_000)
    const by = { delegation: who.delegation, participant: who.participant }
    const suggestion = suggestionMark('insertion', by, `bench-run${run}-w${w}`)
    writers.push(new Writer(client, BODY, paragraphId(100 + w * 95), suggestion))
  }
  const typing = await typeUnderLoad(typist, writers, PROFILE_DIR ? `run${run}` : null)

  // The chair's panel: filter to the delegation with 200 suggestions.
  const many = cast.proposers[0]!
  const filtering = Date.now()
  await chair.getByTestId('suggestion-filter').selectOption(many.delegation)
  await chair.waitForFunction(
    (delegation) => {
      const items = document.querySelectorAll('[data-testid="suggestions"] li[data-suggestion]')
      return (
        items.length > 0 && [...items].every((li) => (li as HTMLElement).dataset.delegation === delegation)
      )
    },
    many.delegation,
    { timeout: 60_000 },
  )
  const filterMs = Date.now() - filtering
  log(`filtered in ${filterMs} ms`)

  const accepting = Date.now()
  await chair.getByRole('button', { name: /^Accept all of / }).click()
  // The panel asks first (how many, whose); the time runs from the first click, as the chair feels it.
  await chair.getByRole('button', { name: /^Accept \d+$/ }).click()
  const gone = (page: Page) =>
    page.waitForFunction(
      (delegation) =>
        document.querySelectorAll(`.declaration-text ins[data-delegation="${delegation}"]`).length === 0,
      many.delegation,
      { timeout: 120_000, polling: 10 },
    )
  const [acceptChairMs, acceptTypistMs] = await Promise.all([
    gone(chair).then(() => Date.now() - accepting),
    gone(typist).then(() => Date.now() - accepting),
  ])
  await typist.context().close()
  await chair.context().close()
  return { openMs, ...typing, filterMs, acceptChairMs, acceptTypistMs }
}

/** The same typing on the bare TipTap + Hocuspocus page, on the same text without suggestions or threads. */
async function bareRun(browser: Browser, bare: BareStack): Promise<BareFigures> {
  const [page, openMs] = await openPage(browser, bare.pageUrl)
  log(`bare page open in ${openMs} ms`)
  await page.waitForTimeout(1000)
  const writers: Writer[] = []
  for (let w = 0; w < REMOTE_WRITERS; w++) {
    const client = await HocuspocusClient.connect(bare.serverUrl, BARE_DOCUMENT)
    writers.push(new Writer(client, BARE_FIELD, paragraphId(100 + w * 95)))
  }
  const typing = await typeUnderLoad(page, writers, null)
  await page.context().close()
  return { openMs, ...typing }
}

function summary(values: number[], unit = 'ms'): string {
  if (values.length === 0) return '–'
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))
  return sorted.length > 1
    ? `${f(median)} ${unit} (${f(sorted[0]!)}–${f(sorted.at(-1)!)})`
    : `${f(median)} ${unit}`
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-browser-'))
  const cached = TEXT_CACHE && existsSync(join(TEXT_CACHE, BUILT))
  if (cached) cpSync(TEXT_CACHE, dataDir, { recursive: true })
  const server = new AccordServer(await freePort(), dataDir, {
    ACCORD_LIMIT_MAX_TICKETS_PER_PARTICIPANT: '100000',
  })
  await server.start()
  let browser: Browser | null = null
  let bare: BareStack | null = null
  try {
    const cast = castOf(server.invitations())
    if (!cached) {
      const building = Date.now()
      await buildText(server, cast)
      console.log(`text built in ${Date.now() - building} ms`)
      if (TEXT_CACHE) {
        // A copy taken while the server runs: SQLite's WAL is copied with it, so the copy opens complete.
        cpSync(dataDir, TEXT_CACHE, { recursive: true })
        writeFileSync(join(TEXT_CACHE, BUILT), '')
      }
    }
    browser = await launchChromium()
    bare = await startBareStack()
    const runs: RunFigures[] = []
    const bareRuns: BareFigures[] = []
    for (let run = 0; run < RUNS; run++) {
      // Each run accepts one delegation's suggestions: put them back by proposing again.
      if (run > 0) await proposeAgain(server, cast, run)
      const figures = await oneRun(browser, server, cast, run)
      console.log(`run ${run + 1}, Accord:`, JSON.stringify(figures))
      runs.push(figures)
      // The bare stack failing (it once did not open its page within 2 minutes) is reported, not fatal.
      const bareFigures = await bareRun(browser, bare).catch((error: unknown) => {
        console.log(`run ${run + 1}, bare TipTap + Hocuspocus failed: ${String(error).split('\n')[0]}`)
        return null
      })
      if (bareFigures) {
        console.log(`run ${run + 1}, bare TipTap + Hocuspocus:`, JSON.stringify(bareFigures))
        bareRuns.push(bareFigures)
      }
    }
    printTable(runs, bareRuns)
  } finally {
    await browser?.close()
    await bare?.close()
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function printTable(runs: RunFigures[], bareRuns: BareFigures[]): void {
  const col = <T>(rows: T[], pick: (r: T) => number, unit?: string) => summary(rows.map(pick), unit)
  const both = (pick: (r: TypingFigures & { openMs: number }) => number, unit?: string) =>
    `${col(runs, pick, unit)} | ${col(bareRuns, pick, unit)}`
  // Of each Accord run's figure to the median of the bare stack's.
  const bareMedian = (pick: (r: TypingFigures) => number) =>
    [...bareRuns.map(pick)].sort((a, b) => a - b)[Math.floor(bareRuns.length / 2)]!
  const ratio = (pick: (r: TypingFigures) => number) =>
    bareRuns.length === 0
      ? '–'
      : summary(
          runs.map((r) => pick(r) / bareMedian(pick)),
          '×',
        )
  console.log(
    `\n2,000 paragraphs, 500 suggestions, 200 threads (the bare stack: the same text, no suggestions or threads); ` +
      `${REMOTE_WRITERS} remote writers at ${REMOTE_CHARACTERS_PER_SECOND} characters/s; ${KEYS} keystrokes; ` +
      `${RUNS} runs, interleaved (median, range)\n`,
  )
  console.log('| goal | Accord | bare TipTap + Hocuspocus |')
  console.log('| --- | --- | --- |')
  console.log(`| open → editable (≤ 1.5 s) | ${both((r) => r.openMs)} |`)
  console.log(`| own keystroke → next frame, p50 | ${both((r) => r.keyP50)} |`)
  console.log(`| own keystroke → next frame, p95 (≤ 25 ms) | ${both((r) => r.keyP95)} |`)
  console.log(`| … Accord ÷ bare, p95 (≤ 0.2) | ${ratio((r) => r.keyP95)} | |`)
  console.log(`| remote keystroke → on screen, p50 | ${both((r) => r.remoteP50)} |`)
  console.log(`| remote keystroke → on screen, p95 (≤ 100 ms) | ${both((r) => r.remoteP95)} |`)
  const seen = (rows: TypingFigures[]) => rows.map((r) => `${r.remoteSeen}/${r.remoteSent}`).join(', ')
  console.log(`| remote keystrokes seen / sent | ${seen(runs)} | ${seen(bareRuns)} |`)
  console.log(
    `| main-thread long tasks while typing (≤ 50 ms/s) | ${both((r) => r.longTaskMsPerS, 'ms/s')} |`,
  )
  console.log(`| chair filters 500 suggestions to one delegation | ${col(runs, (r) => r.filterMs)} | – |`)
  console.log(
    `| accept all 200 of one delegation → chair's screen (≤ 1 s) | ${col(runs, (r) => r.acceptChairMs)} | – |`,
  )
  console.log(`| … → a delegate's screen (≤ 1 s) | ${col(runs, (r) => r.acceptTypistMs)} | – |`)
}

/** Puts the accepted delegation's 200 suggestions back (new ids), so that every run accepts the same amount. */
async function proposeAgain(server: AccordServer, cast: Cast, run: number): Promise<void> {
  const proposer = cast.proposers[0]!
  const client = await RawClient.connect(server.url, proposer.token)
  await until(() => client.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'proposer synced', 60_000)
  client.change((doc) => {
    const byId = paragraphsById(doc)
    for (let s = 0; s < SUGGESTIONS_BY_DELEGATION[0]!; s++) {
      const text = byId.get(paragraphId((s * 4) % PARAGRAPHS))!.get(0) as Y.XmlText
      const by = { delegation: proposer.delegation, participant: proposer.participant }
      text.insert(10, 'firmly ', suggestionMark('insertion', by, `bench-again${run}-${s}`))
    }
  })
  await sleep(500)
  client.close()
}

await main()
