/**
 * @module Who a participant is, as the server's records say: the view `GET /api/me` returns and the
 * identity stamped on WebSocket connections. The one place that joins participants to their delegation.
 */
import type { ParticipantView } from '../../workflows/conference/conference.js'
import type { Identity } from '../collab/connection.js'
import type { ParticipantRecord, Storage } from '../storage/storage.js'

export class Directory {
  constructor(private readonly storage: Storage) {}

  async identity(participantId: string): Promise<Identity | undefined> {
    const participant = await this.storage.getParticipant(participantId)
    return participant && this.identityOf(participant)
  }

  async identityOf(participant: ParticipantRecord): Promise<Identity | undefined> {
    // Someone the secretariat removed is nobody, whatever credential they still hold.
    if (participant.removedAt) return undefined
    const delegation = await this.storage.getDelegation(participant.delegation)
    if (!delegation) return undefined
    return {
      participant: participant.id,
      name: participant.name,
      role: participant.role,
      delegation: delegation.id,
      delegationName: delegation.name,
      colour: delegation.colour,
      ...(participant.screen ? { screen: true as const } : {}),
    }
  }
}

export function participantView(identity: Identity): ParticipantView & { colour: string } {
  const { participant, name, delegation, delegationName, role, colour, screen } = identity
  return { participant, name, delegation, delegationName, role, colour, ...(screen ? { screen } : {}) }
}
