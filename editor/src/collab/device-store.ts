/**
 * @module The browser's durable copy of what a participant typed and the server has not yet stored
 * (IndexedDB), so that it survives a reload, a closed tab and a browser restart. One record per local Yjs
 * update, keyed by document and participant — another participant signing in on the same browser never
 * sends someone else's words — plus the changes the server refused, kept until the participant dismisses them.
 *
 * Plain IndexedDB, a few calls: y-indexeddb keeps the whole document, which is not what is needed here — the
 * server holds the text; the device only has to hold what the server does not have yet.
 */

const DATABASE = 'accord-device'
const UPDATES = 'unsaved-updates'
const REFUSED = 'refused-changes'

export interface StoredUpdate {
  /** `document|participant` */
  owner: string
  /** Order of creation on this device. */
  seq: number
  update: Uint8Array
}

export interface RefusedChange {
  owner: string
  seq: number
  reason: string
  /** The paragraph's id, and the text it had on this device (own proposed deletions left out). */
  paragraph: string
  label: string
  text: string
  /** Set when the paragraph did not exist on the server (a proposed new paragraph): where it went. */
  after?: string
}

let opening: Promise<IDBDatabase | null> | null = null

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null)
    const request = indexedDB.open(DATABASE, 1)
    request.onupgradeneeded = () => {
      request.result.createObjectStore(UPDATES, { keyPath: ['owner', 'seq'] })
      request.result.createObjectStore(REFUSED, { keyPath: ['owner', 'seq'] })
    }
    request.onsuccess = () => resolve(request.result)
    // Private windows of some browsers have no IndexedDB: the tab still works, the words live in memory only.
    request.onerror = () => resolve(null)
  })
  return opening
}

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve()
      request.onerror = () => reject(request.error ?? new Error('IndexedDB transaction failed'))
      request.onabort = () => reject(request.error ?? new Error('IndexedDB transaction aborted'))
    } else {
      request.onsuccess = () => resolve()
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
    }
  })
}

function ownerRange(owner: string): IDBKeyRange {
  return IDBKeyRange.bound([owner, -Infinity], [owner, Infinity])
}

async function all<T>(store: string, owner: string): Promise<T[]> {
  const db = await open()
  if (!db) return []
  const request = db.transaction(store, 'readonly').objectStore(store).getAll(ownerRange(owner))
  await done(request)
  return request.result as T[]
}

async function write(store: string, change: (objects: IDBObjectStore) => void): Promise<void> {
  const db = await open()
  if (!db) return
  const tx = db.transaction(store, 'readwrite')
  change(tx.objectStore(store))
  await done(tx)
}

/**
 * IndexedDB writes are asynchronous, and a page being unloaded may drop one still in flight — the keystroke made
 * just before a reload or a closed tab. So when the page goes away, what is unsaved is also written to
 * localStorage, synchronously; the next load takes both and keeps each update once.
 */
const PARTING = 'accord:unsaved:'

function partingRecords(owner: string): StoredUpdate[] {
  try {
    const raw = localStorage.getItem(PARTING + owner)
    if (!raw) return []
    return (JSON.parse(raw) as { seq: number; update: string }[]).map(({ seq, update }) => ({
      owner,
      seq,
      update: Uint8Array.from(atob(update), (c) => c.charCodeAt(0)),
    }))
  } catch {
    return []
  }
}

async function unsaved(owner: string): Promise<StoredUpdate[]> {
  const stored = await all<StoredUpdate>(UPDATES, owner).catch(() => [] as StoredUpdate[])
  const parting = partingRecords(owner).filter((p) => !stored.some((s) => s.seq === p.seq))
  for (const record of parting) await write(UPDATES, (objects) => objects.put(record)).catch(() => undefined)
  localStorage.removeItem(PARTING + owner)
  return [...stored, ...parting].sort((a, b) => a.seq - b.seq)
}

export const deviceStore = {
  unsaved,
  /** Synchronous: for `pagehide`, when an asynchronous write might never finish. */
  keepBeforeLeaving(owner: string, records: readonly { seq: number; update: Uint8Array }[]): void {
    if (records.length === 0) return localStorage.removeItem(PARTING + owner)
    const encoded = records.map(({ seq, update }) => {
      let binary = ''
      for (const byte of update) binary += String.fromCharCode(byte)
      return { seq, update: btoa(binary) }
    })
    try {
      localStorage.setItem(PARTING + owner, JSON.stringify(encoded))
    } catch {
      // Storage full: what IndexedDB already holds still stands.
    }
  },
  keep: (record: StoredUpdate) => write(UPDATES, (s) => s.put(record)),
  forget: (owner: string, seqs: readonly number[]) =>
    write(UPDATES, (s) => seqs.forEach((seq) => s.delete([owner, seq]))),
  forgetAll: (owner: string) => write(UPDATES, (s) => s.delete(ownerRange(owner))),
  refused: (owner: string) => all<RefusedChange>(REFUSED, owner),
  keepRefused: (records: readonly RefusedChange[]) =>
    write(REFUSED, (s) => records.forEach((record) => s.put(record))),
  dismissRefused: (owner: string, seq: number) => write(REFUSED, (s) => s.delete([owner, seq])),
}
