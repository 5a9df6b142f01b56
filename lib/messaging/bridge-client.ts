/**
 * Content-script side of the private channel to the page-world bridge (lib/bridge-channel.ts).
 * Two layers, so that what every editor page loads stays small: the port (answers matched by id,
 * their envelope checked) and, in the job tools, each answer's value checked by its schema.
 */
import type * as z from 'zod/mini';
import { BridgeCallError } from './bridge-channel';
import { BridgeResponseSchema, BridgeValueSchemas, EditorStatusSchema, type BridgeRequest, type BridgeResponse, type EditorStatus } from './protocol';

type CallInput = BridgeRequest['call'];
type ValueOf<T extends CallInput['type']> = z.infer<(typeof BridgeValueSchemas)[T]>;

/** Answers as they came: the page could tamper with them, so every value is checked by whoever uses it. */
export interface BridgePort { send(call: CallInput, timeoutMs?: number): Promise<unknown> }

export interface BridgeClient {
  call<C extends CallInput>(call: C, timeoutMs?: number): Promise<ValueOf<C['type']>>;
}

const UNEXPECTED = { code: 'editor-failed', message: 'The editor answered with something unexpected.', retryable: true } as const;

export function createBridgePort(port: MessagePort): BridgePort {
  let nextId = 1;
  const pending = new Map<number, (response: BridgeResponse) => void>();
  port.onmessage = (event) => {
    const parsed = BridgeResponseSchema.safeParse(event.data);
    if (parsed.success) pending.get(parsed.data.id)?.(parsed.data);
  };
  return {
    send(call, timeoutMs = 30_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BridgeCallError({ code: 'editor-not-ready', message: 'The editor did not answer. Reload the editor page and try again.', retryable: true }));
        }, timeoutMs);
        pending.set(id, (response) => {
          clearTimeout(timer);
          pending.delete(id);
          if (response.result.ok) resolve(response.result.value);
          else reject(new BridgeCallError(response.result.error));
        });
        port.postMessage({ id, call });
      });
    },
  };
}

/** The editor's status, all an editor page asks before a job. */
export async function bridgeStatus(bridge: BridgePort, timeoutMs = 5_000): Promise<EditorStatus> {
  const status = EditorStatusSchema.safeParse(await bridge.send({ type: 'status' }, timeoutMs));
  if (!status.success) throw new BridgeCallError(UNEXPECTED);
  return status.data;
}

/** Every answer checked by the schema of what was asked. */
export function checkedBridge(bridge: BridgePort): BridgeClient {
  return {
    async call(call, timeoutMs) {
      const value = BridgeValueSchemas[call.type].safeParse(await bridge.send(call, timeoutMs));
      if (!value.success) throw new BridgeCallError(UNEXPECTED);
      return value.data as never;
    },
  };
}

export const createBridgeClient = (port: MessagePort): BridgeClient => checkedBridge(createBridgePort(port));
