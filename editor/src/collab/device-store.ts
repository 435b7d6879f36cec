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

export const deviceStore = {
  unsaved: (owner: string) => all<StoredUpdate>(UPDATES, owner),
  keep: (record: StoredUpdate) => write(UPDATES, (s) => s.put(record)),
  forget: (owner: string, seqs: readonly number[]) =>
    write(UPDATES, (s) => seqs.forEach((seq) => s.delete([owner, seq]))),
  forgetAll: (owner: string) => write(UPDATES, (s) => s.delete(ownerRange(owner))),
  refused: (owner: string) => all<RefusedChange>(REFUSED, owner),
  keepRefused: (records: readonly RefusedChange[]) =>
    write(REFUSED, (s) => records.forEach((record) => s.put(record))),
  dismissRefused: (owner: string, seq: number) => write(REFUSED, (s) => s.delete([owner, seq])),
}
