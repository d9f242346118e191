import semver from 'semver'
import type { UpdateState } from '@shared/contract'
import type { RejectedBuild } from './update-checks'
import type { FeedRelease } from './update-feed'

/** Checked at start and every four hours (docs/delivery.md). */
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000

/** Everything the cycle needs from the outside: the feed, the disk, the installer, the console's work. */
export interface UpdatePorts {
  currentVersion: string
  latest(): Promise<FeedRelease>
  download(release: FeedRelease, onProgress: (percent: number) => void): Promise<string>
  check(file: string, release: FeedRelease): Promise<RejectedBuild | null>
  /** A batch, a request or an answer open or unsaved on this console. */
  workOpen(): boolean
  /** A supervisor holds this console on its version. */
  held(): boolean
  /** Installs the verified build when the user quits the console. */
  installOnQuit(file: string): void
  /** Quits and installs now (only ever on the user's word). */
  restartAndInstall(file: string): void
  onState(state: UpdateState): void
  every(ms: number, run: () => void): () => void
}

/** What the cycle decides from the feed's newest release. */
export function decide(
  current: string,
  offered: string,
  held: boolean,
): 'upToDate' | 'older' | 'held' | 'download' {
  if (!semver.valid(offered) || semver.eq(offered, current)) return 'upToDate'
  // A feed that offers an older version (a mistaken upload, an attacker replaying an old build with
  // a known hole) is refused: versions only go forward.
  if (semver.lt(offered, current)) return 'older'
  return held ? 'held' : 'download'
}

/**
 * The update policy: check at start and every four hours, download in the background, verify, then
 * offer "restart to update" and install on quit. It never restarts by itself, and the user's restart
 * is refused while work is open.
 */
export class UpdateCycle {
  private state: UpdateState = { kind: 'idle' }
  private ready: { file: string; version: string } | null = null
  private stopTimer: (() => void) | null = null
  private running: Promise<UpdateState> | null = null

  constructor(private readonly ports: UpdatePorts) {}

  start(): Promise<UpdateState> {
    this.stopTimer = this.ports.every(CHECK_EVERY_MS, () => void this.check())
    return this.check()
  }

  stop(): void {
    this.stopTimer?.()
  }

  current(): UpdateState {
    return this.state.kind === 'ready' ? { ...this.state, workOpen: this.ports.workOpen() } : this.state
  }

  /** One check; a check asked for while another runs joins it. */
  check(): Promise<UpdateState> {
    this.running ??= this.checkOnce().finally(() => (this.running = null))
    return this.running
  }

  /** The user's "restart to update": refused while work is open, so nothing typed is lost. */
  restartNow(): 'restarting' | 'workOpen' | 'nothingReady' {
    if (!this.ready) return 'nothingReady'
    if (this.ports.workOpen()) {
      this.set({ kind: 'ready', version: this.ready.version, workOpen: true })
      return 'workOpen'
    }
    this.ports.restartAndInstall(this.ready.file)
    return 'restarting'
  }

  private async checkOnce(): Promise<UpdateState> {
    const current = this.ports.currentVersion
    try {
      this.set({ kind: 'checking' })
      const release = await this.ports.latest()
      if (this.ready?.version === release.version)
        return this.set({ kind: 'ready', version: release.version, workOpen: this.ports.workOpen() })
      const decision = decide(current, release.version, this.ports.held())
      if (decision === 'upToDate') return this.set({ kind: 'upToDate', version: current })
      if (decision === 'older') return this.set({ kind: 'older', version: current, offered: release.version })
      if (decision === 'held') return this.set({ kind: 'held', version: current, available: release.version })
      this.set({ kind: 'downloading', version: release.version, percent: 0 })
      const file = await this.ports.download(release, (percent) =>
        this.set({ kind: 'downloading', version: release.version, percent }),
      )
      const rejected = await this.ports.check(file, release)
      if (rejected) return this.set({ kind: 'rejected', version: release.version, reason: rejected })
      this.ready = { file, version: release.version }
      this.ports.installOnQuit(file)
      return this.set({ kind: 'ready', version: release.version, workOpen: this.ports.workOpen() })
    } catch (error) {
      return this.set({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }

  private set(state: UpdateState): UpdateState {
    this.state = state
    this.ports.onState(state)
    return state
  }
}
