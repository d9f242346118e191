import { EventEmitter } from 'node:events'
import { EVENT_NAMES, type ContractEvents, type EventName } from '@shared/contract'

/** Internal notifications; those named in the contract are also pushed to subscribed renderers. */
export interface AppEvents extends ContractEvents {
  'outbox.changed': void
}

export class AppEventBus {
  private readonly emitter = new EventEmitter()

  emit<E extends keyof AppEvents>(event: E, data: AppEvents[E]): void {
    this.emitter.emit(event, data)
  }

  on<E extends keyof AppEvents>(event: E, listener: (data: AppEvents[E]) => void): () => void {
    this.emitter.on(event, listener)
    return () => this.emitter.off(event, listener)
  }

  /** Subscribes one listener to every event a renderer may receive. */
  onContractEvent(listener: (event: EventName, data: ContractEvents[EventName]) => void): () => void {
    const offs = EVENT_NAMES.map((event) => this.on(event, (data) => listener(event, data)))
    return () => offs.forEach((off) => off())
  }
}
