/** Content-script side of the private channel to the page-world bridge (lib/bridge-channel.ts). */
import type * as z from 'zod/mini';
import { BridgeCallError } from './bridge-channel';
import { BridgeResponseSchema, BridgeValueSchemas, type BridgeRequest, type BridgeResponse } from './protocol';

type CallInput = BridgeRequest['call'];
type ValueOf<T extends CallInput['type']> = z.infer<(typeof BridgeValueSchemas)[T]>;

export interface BridgeClient {
  call<C extends CallInput>(call: C, timeoutMs?: number): Promise<ValueOf<C['type']>>;
}

/** Requests over the port; answers matched by id and checked by schema (the page could tamper with them). */
export function createBridgeClient(port: MessagePort): BridgeClient {
  let nextId = 1;
  const pending = new Map<number, (response: BridgeResponse) => void>();
  port.onmessage = (event) => {
    const parsed = BridgeResponseSchema.safeParse(event.data);
    if (parsed.success) pending.get(parsed.data.id)?.(parsed.data);
  };
  return {
    call(call, timeoutMs = 30_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BridgeCallError({ code: 'editor-not-ready', message: 'The editor did not answer. Reload the editor page and try again.', retryable: true }));
        }, timeoutMs);
        pending.set(id, (response) => {
          clearTimeout(timer);
          pending.delete(id);
          if (!response.result.ok) return reject(new BridgeCallError(response.result.error));
          const value = BridgeValueSchemas[call.type].safeParse(response.result.value);
          if (value.success) resolve(value.data as never);
          else reject(new BridgeCallError({ code: 'editor-failed', message: 'The editor answered with something unexpected.', retryable: true }));
        });
        port.postMessage({ id, call });
      });
    },
  };
}

