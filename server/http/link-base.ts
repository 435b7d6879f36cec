/**
 * @module Where the links Accord hands out (invitations, the room's screen) point: the public address the operator
 * set (`--public-url`), else the origin of the request that asked for them.
 */
import type { Services } from './context.js'

export const linkBase = (services: Services, requestUrl: string): string =>
  services.publicUrl ?? new URL(requestUrl).origin
