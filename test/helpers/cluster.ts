/**
 * Several real `accord serve` processes sharing one PostgreSQL and one Redis, all started on loopback for a test
 * file: the way an operator runs Accord behind a load balancer.
 */
import type { Invitation } from '../../server/invites.js'
import {
  startPostgres,
  startRedis,
  type LocalRedis,
  type LocalService,
} from '../../scripts/local-services.js'
import {
  apiAs,
  invitations,
  removeDataDir,
  startAccord,
  tempDataDir,
  type AccordProcess,
} from './accord-process.js'

export interface Cluster {
  postgres: LocalService
  redis: LocalRedis
  /** Shared by every process (the invitation secret and the signing key). */
  dataDir: string
  processes: AccordProcess[]
  invites: Invitation[]
  /** Starts one more process on the same database and relay. */
  start(): Promise<AccordProcess>
  /** Calls the API of one process as a participant (see `apiAs`). */
  api(accord: AccordProcess): ReturnType<typeof apiAs>
  stop(): Promise<void>
}

export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  const dataDir = tempDataDir()
  const start = () => startAccord({ dataDir, env, args: ['--database', postgres.url, '--redis', redis.url] })
  // One after the other: the first seeds the demo conference into the empty database.
  const processes: AccordProcess[] = []
  for (let i = 0; i < count; i++) processes.push(await start())
  const cluster: Cluster = {
    postgres,
    redis,
    dataDir,
    processes,
    invites: invitations(dataDir, ['--database', postgres.url]),
    start,
    api: (accord) =>
      apiAs(
        () => accord,
        () => cluster.invites,
      ),
    async stop() {
      await Promise.all(processes.map((p) => p.kill()))
      await Promise.all([postgres.stop(), redis.stop()])
      removeDataDir(dataDir)
    },
  }
  return cluster
}
