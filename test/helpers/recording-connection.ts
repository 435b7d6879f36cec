/** A connection with no network under it: it records what the server sends it. */
import { Connection, type Identity } from '../../server/collab/connection.js'

export function recordingConnection(
  identity: Identity = {
    participant: 'p',
    name: 'n',
    role: 'drafter',
    delegation: 'd',
    delegationName: 'D',
    colour: '#000',
  },
): { connection: Connection; sent: Uint8Array[] } {
  const sent: Uint8Array[] = []
  const connection = new Connection({ send: (m) => sent.push(m), close: () => undefined }, identity)
  return { connection, sent }
}
