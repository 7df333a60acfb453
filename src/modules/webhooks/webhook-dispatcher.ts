import { hostname } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Clock } from '../../platform/clock.js'
import type { SecretEncryption } from '../../platform/secret-encryption.js'
import { randomId } from '../../platform/secrets.js'
import type { WebhookDeliveryRepository } from './webhook-delivery.repository.js'
import {
  AttemptTally,
  claimableRun,
  decideRetry,
  judgeAttempt,
  requestHeaders,
} from './webhook-delivery.rules.js'
import type { WebhookSender } from './webhook-sender.js'
import type { WebhookRepository } from './webhook.repository.js'
import type { ClaimedDelivery, DeliveryContent, Webhook, WebhookDelivery } from './webhook.types.js'

export interface DispatcherOptions {
  /** How often due retries are looked for (webhooks.md §6.3: at least every 30 s). */
  sweepIntervalMs: number
  /** Webhooks drained at the same time by this process. */
  maxParallelWebhooks: number
  /** Webhooks taken per sweep (webhooks.md §6.3, §9: 100). */
  sweepBatch: number
  /** Deliveries of one webhook claimed together, then attempted one after another. */
  claimBatch: number
  /** How long a claim outlives the webhook's timeout before another process may take over. */
  claimGraceMs: number
  /** How long `stop` waits for attempts in flight before abandoning them. */
  stopGraceMs: number
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  sweepIntervalMs: 5_000,
  maxParallelWebhooks: 16,
  sweepBatch: 100,
  claimBatch: 50,
  claimGraceMs: 30_000,
  stopGraceMs: 10_000,
}

/** A claimed run of one webhook's deliveries and how long the claim holds. */
interface Batch {
  webhook: Webhook
  deliveries: ClaimedDelivery[]
  claimedUntilMs: number
}

/**
 * Makes the delivery attempts, outside any request (webhooks.md §5–§7).
 *
 * - **When:** woken after a commit that wrote deliveries, by a sweep timer (due retries), and
 *   once at start (deliveries left `pending` by a stopped process).
 * - **Order per webhook:** a webhook's deliveries are attempted one at a time in id order. A
 *   dispatcher claims the unbroken run of due, unclaimed deliveries at the head of a
 *   webhook's queue (`claimableRun`), so a delivery waiting for its retry holds that
 *   webhook's later deliveries back until it succeeds or fails finally; other webhooks are
 *   not held up. A failed attempt ends the run and the rest is given back.
 * - **Claiming:** one conditional UPDATE claims the run (at most `claimBatch`) for this process until the webhook's
 *   timeout plus a grace period, renewed while the run lasts; another process (PostgreSQL)
 *   cannot claim those rows meanwhile, and a run it finds held at its head is not its to
 *   take, so every attempt is made by exactly one process. A process that dies leaves its
 *   claims to expire; the attempt is then made again by whoever claims it (at least once).
 * - A retry is never attempted before its `next_retry_at`.
 */
export class WebhookDispatcher {
  private readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomId(6)}`
  private readonly options: DispatcherOptions
  private readonly draining = new Map<number, Promise<void>>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly abandon = new AbortController()
  private readonly decryptedSecrets = new Map<string, string>()
  private running = false
  private stopping = false
  private wakeRequested = false
  private pass: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    private readonly secrets: SecretEncryption,
    private readonly clock: Clock,
    private readonly warn: (message: string, error: unknown) => void,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options }
  }

  /** Starts the sweeps and attempts whatever is due already. */
  start(): void {
    if (this.running || this.stopping) return
    this.running = true
    this.timer = setInterval(() => this.wake(), this.options.sweepIntervalMs)
    this.timer.unref()
    this.wake()
  }

  /** Looks for due deliveries now (after a commit; tests after moving the clock). */
  wake(): void {
    if (!this.running || this.stopping) return
    this.wakeRequested = true
    this.pass ??= this.runPasses().finally(() => {
      this.pass = undefined
      // A wake that came while the last pass was finishing.
      if (this.wakeRequested) this.wake()
    })
  }

  /** Resolves once nothing is due or in flight (tests: webhooks.md §6.4). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const busy = this.busy()
      if (busy.length === 0) return
      await Promise.allSettled(busy)
    }
  }

  /** Stops sweeping and waits for the attempts in flight, abandoning them after the grace period. */
  async stop(): Promise<void> {
    if (this.stopping) return
    this.stopping = true
    this.running = false
    clearInterval(this.timer)
    let graceTimer: NodeJS.Timeout | undefined
    const graceOver = new Promise<boolean>((resolve) => {
      graceTimer = setTimeout(() => resolve(true), this.options.stopGraceMs)
    })
    const finished = Promise.allSettled(this.busy()).then(() => false)
    if (await Promise.race([finished, graceOver])) this.abandon.abort()
    clearTimeout(graceTimer)
    await this.whenIdle()
  }

  /** Sends a test delivery at once, whatever the queue holds, and returns it after the attempt (webhooks.md §1.8). */
  async sendNow(webhook: Webhook, content: DeliveryContent): Promise<WebhookDelivery> {
    const claimed = await this.deliveries.insertClaimed(
      { ...content, webhookId: webhook.id, createdAt: this.clock.now() },
      this.owner,
      this.claimUntil(webhook),
    )
    const attempt = this.attemptOne(claimed, webhook).then(async (finished) => {
      if (finished) await this.webhooks.countAttempts(webhook.id, new AttemptTally().add(finished))
    })
    this.inFlight.add(attempt)
    try {
      await attempt
    } finally {
      this.inFlight.delete(attempt)
    }
    return (await this.deliveries.findById(claimed.id)) ?? claimed
  }

  private busy(): Promise<unknown>[] {
    return [...(this.pass ? [this.pass] : []), ...this.draining.values(), ...this.inFlight]
  }

  private claimUntil(webhook: Webhook): number {
    return this.clock.preciseNow() + webhook.timeoutSeconds * 1000 + this.options.claimGraceMs
  }

  private async runPasses(): Promise<void> {
    while (this.wakeRequested && !this.stopping) {
      this.wakeRequested = false
      // A full house wakes again as each drain ends.
      if (this.draining.size >= this.options.maxParallelWebhooks) continue
      try {
        const due = await this.deliveries.findDueWebhooks(
          this.clock.now(),
          this.clock.preciseNow(),
          this.options.sweepBatch,
        )
        for (const webhookId of due) {
          if (this.draining.size >= this.options.maxParallelWebhooks) break
          if (!this.draining.has(webhookId)) this.startDrain(webhookId)
        }
      } catch (error) {
        this.warn('webhook sweep failed', error)
      }
    }
  }

  private startDrain(webhookId: number): void {
    const drain = this.drain(webhookId).then(
      () => true,
      (error: unknown) => {
        this.warn('webhook delivery failed', error)
        return false
      },
    )
    this.draining.set(
      webhookId,
      drain.then((healthy) => {
        this.draining.delete(webhookId)
        // After a failure the timer's next sweep tries again, rather than a hot loop.
        if (healthy) this.wake()
      }),
    )
  }

  /** Attempts the webhook's due deliveries, run after run, while it has any. */
  private async drain(webhookId: number): Promise<void> {
    while (!this.stopping) {
      const batch = await this.claimRun(webhookId)
      if (!batch) return
      await this.attemptRun(batch)
    }
  }

  /** Claims the claimable run at the head of the webhook's queue; undefined when there is none. */
  private async claimRun(webhookId: number): Promise<Batch | undefined> {
    const webhook = await this.webhooks.findById(webhookId)
    if (!webhook) return undefined
    const nowMs = this.clock.preciseNow()
    const queue = await this.deliveries.listQueueHead(webhookId, this.options.claimBatch)
    const run = claimableRun(queue, this.clock.now(), nowMs)
    if (run.length === 0) return undefined
    const claimedUntilMs = this.claimUntil(webhook)
    const claimed = await this.deliveries.claim(run, this.owner, nowMs, claimedUntilMs)
    // Another process took part of the run meanwhile: keep only what is still unbroken from the head.
    let kept = 0
    while (kept < claimed.length && claimed[kept]?.id === run[kept]) kept++
    await this.deliveries.release(
      claimed.slice(kept).map((delivery) => delivery.id),
      this.owner,
    )
    return kept === 0 ? undefined : { webhook, deliveries: claimed.slice(0, kept), claimedUntilMs }
  }

  /** Attempts a claimed run in order; a failure ends it, and what was not attempted is given back. */
  private async attemptRun(batch: Batch): Promise<void> {
    const tally = new AttemptTally()
    let done = 0
    try {
      for (const delivery of batch.deliveries) {
        // The webhook's current settings for every attempt (webhooks.md §5.1): an edit or a
        // deactivation applies to the very next one. The run's first read is fresh already.
        const webhook = done === 0 ? batch.webhook : await this.webhooks.findById(batch.webhook.id)
        if (!webhook || this.stopping || !(await this.keepClaims(batch, webhook, done))) break
        const finished = await this.attemptOne(delivery, webhook)
        done++
        if (!finished) break
        tally.add(finished)
        if (!finished.succeeded) break
      }
    } finally {
      await this.webhooks.countAttempts(batch.webhook.id, tally)
      const rest = batch.deliveries.slice(done).map((delivery) => delivery.id)
      await this.deliveries.release(rest, this.owner)
    }
  }

  /** Renews the claims on the rest of the run before they could run out during the next attempt. */
  private async keepClaims(batch: Batch, webhook: Webhook, done: number): Promise<boolean> {
    if (this.clock.preciseNow() + webhook.timeoutSeconds * 1000 + 1000 < batch.claimedUntilMs) return true
    const rest = batch.deliveries.slice(done).map((delivery) => delivery.id)
    batch.claimedUntilMs = this.claimUntil(webhook)
    return (await this.deliveries.extendClaims(rest, this.owner, batch.claimedUntilMs)) === rest.length
  }

  /**
   * One attempt of a claimed delivery with the webhook's settings (webhooks.md §5, §6.3),
   * recorded on the delivery; the statistics are the caller's. Undefined when abandoned.
   */
  private async attemptOne(
    claimed: ClaimedDelivery,
    webhook: Webhook,
  ): Promise<{ succeeded: boolean; completedAt: Date } | undefined> {
    if (!webhook.isActive) {
      const completedAt = this.clock.now()
      await this.deliveries.failInactive(claimed.id, completedAt)
      return { succeeded: false, completedAt }
    }
    const startedAt = this.clock.now()
    const started = performance.now()
    const outcome = await this.sender.send({
      url: webhook.url,
      method: webhook.httpMethod,
      headers: requestHeaders({
        contentType: webhook.contentType,
        eventType: claimed.eventType,
        webhookId: webhook.id,
        eventId: claimed.eventId,
        customHeaders: webhook.headers,
        secret: this.plainSecret(webhook),
        body: claimed.payload,
        unixSeconds: Math.floor(this.clock.preciseNow() / 1000),
      }),
      body: claimed.payload,
      timeoutSeconds: webhook.timeoutSeconds,
      signal: this.abandon.signal,
    })
    if (this.abandon.signal.aborted) {
      await this.deliveries.release([claimed.id], this.owner)
      return undefined
    }
    const durationMs = Math.floor(performance.now() - started)
    const completedAt = this.clock.now()
    const result = judgeAttempt(outcome, webhook.timeoutSeconds)
    // The retry settings are read at the time of the decision (webhooks.md §6.2).
    const current = result.succeeded ? undefined : ((await this.webhooks.findById(webhook.id)) ?? webhook)
    await this.deliveries.finishAttempt(claimed.id, {
      result,
      retry: current && decideRetry(claimed.retryCount, current, completedAt),
      attemptNumber: claimed.status === 'retrying' ? claimed.attemptNumber + 1 : claimed.attemptNumber,
      startedAt,
      completedAt,
      durationMs,
    })
    return { succeeded: result.succeeded, completedAt }
  }

  private plainSecret(webhook: Webhook): string | null {
    const encrypted = webhook.encryptedSecret
    if (encrypted === null) return null
    // Decrypting costs more than the rest of preparing a request; a regenerated secret is a new key here.
    let secret = this.decryptedSecrets.get(encrypted)
    if (secret === undefined) {
      secret = this.secrets.decrypt(encrypted, () =>
        this.warn(`the secret of webhook ${webhook.id} cannot be decrypted (SECRET_KEY changed?)`, undefined),
      )
      if (this.decryptedSecrets.size >= 1000) this.decryptedSecrets.clear()
      this.decryptedSecrets.set(encrypted, secret)
    }
    return secret === '' ? null : secret
  }
}
