/**
 * A browser scenario: a running Accord with the demo conference, the text moved to a stage, and one Chromium
 * page per participant, signed in through their invitation link. One place for the set-up every browser
 * test shares.
 */
import type { Browser, Page } from 'playwright-core'
import type { Invitation } from '../../server/invites.js'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from './accord-process.js'
import { launchChromium, openInvitation } from './browser.js'

export interface Scenario {
  /** The running server; a test that restarts it puts the new process here. */
  accord: AccordProcess
  invites: Invitation[]
  browser: Browser
  /** Opens another participant's page, on a laptop unless said. */
  open(participant: string, device?: 'laptop' | 'phone'): Promise<Page>
  close(): Promise<void>
}

export async function startScenario(stages: ('negotiation' | 'consensus-call')[] = []): Promise<Scenario> {
  const accord = await startAccord()
  const invites = invitations(accord.dataDir)
  for (const stage of stages) await setStageAsChair(accord, invites, stage)
  const browser = await launchChromium()
  const scenario: Scenario = {
    accord,
    invites,
    browser,
    open: (participant, device) =>
      openInvitation(
        browser,
        invitationOf(invites, participant).url.replace('http://localhost:8787', scenario.accord.url),
        device,
      ),
    async close() {
      await browser.close()
      await scenario.accord.kill()
      removeDataDir(scenario.accord.dataDir)
    },
  }
  return scenario
}
