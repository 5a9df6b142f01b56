/**
 * The private channel between the content script (isolated world) and the page-world bridge.
 *
 * The page world is shared with every plugin on the admin page, so the bridge keeps no standing
 * listener there. Both scripts run at document_start, before any page script exists, and hand
 * over one MessagePort in a synchronous event; whichever runs second completes the handshake and
 * both remove their listeners at once. After that only the port is used. The content script is
 * the only side that asks; the bridge only answers, so whoever else might hold a port can neither
 * start work nor make the extension write.
 */
import { BRIDGE_HANDSHAKE_EVENT, BridgeRequestSchema, BridgeResponseSchema, BridgeValueSchemas, type BridgeCall, type BridgeRequest, type BridgeResponse } from './protocol';
import type { UserError } from './errors';
import type { z } from 'zod';

const REQUEST_EVENT = `${BRIDGE_HANDSHAKE_EVENT}:request`;
const ACCEPTED_EVENT = `${BRIDGE_HANDSHAKE_EVENT}:accepted`;

/**
 * Content-script side: offers the port now and again when the bridge asks, until the bridge
 * says it took it. Every event here is dispatched synchronously, so the whole exchange ends
 * inside document_start whichever script Chrome runs first.
 */
export function offerBridgePort(win: Window, port: MessagePort): void {
  const offer = () => win.dispatchEvent(new MessageEvent(BRIDGE_HANDSHAKE_EVENT, { ports: [port] }));
  const accepted = () => {
    win.removeEventListener(REQUEST_EVENT, offer);
    win.removeEventListener(ACCEPTED_EVENT, accepted);
  };
  win.addEventListener(REQUEST_EVENT, offer);
  win.addEventListener(ACCEPTED_EVENT, accepted);
  offer();
}

/** Bridge side: takes the first port offered and never listens again. */
export function acceptBridgePort(win: Window, onPort: (port: MessagePort) => void): void {
  const accept = (event: Event) => {
    const port = (event as MessageEvent).ports?.[0];
    if (!port) return;
    event.stopImmediatePropagation();
    win.removeEventListener(BRIDGE_HANDSHAKE_EVENT, accept, { capture: true });
    onPort(port);
    win.dispatchEvent(new Event(ACCEPTED_EVENT));
  };
  win.addEventListener(BRIDGE_HANDSHAKE_EVENT, accept, { capture: true });
  win.dispatchEvent(new Event(REQUEST_EVENT));
}

export class BridgeCallError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'BridgeCallError';
  }
}

type CallInput = BridgeRequest['call'];
type ValueOf<T extends CallInput['type']> = z.infer<(typeof BridgeValueSchemas)[T]>;

export interface BridgeClient {
  call<C extends CallInput>(call: C, timeoutMs?: number): Promise<ValueOf<C['type']>>;
}

/** Content-script side: requests over the port, answers matched by id and checked by schema. */
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

/** Bridge side: answers well-formed calls, ignores everything else. */
export function serveBridge(port: MessagePort, handle: (call: BridgeCall) => Promise<unknown>, describe: (error: unknown) => UserError): void {
  port.onmessage = async (event) => {
    const parsed = BridgeRequestSchema.safeParse(event.data);
    if (!parsed.success) return;
    let response: BridgeResponse;
    try {
      response = { id: parsed.data.id, result: { ok: true, value: await handle(parsed.data.call) } };
    } catch (error) {
      response = { id: parsed.data.id, result: { ok: false, error: describe(error) } };
    }
    port.postMessage(response);
  };
}
