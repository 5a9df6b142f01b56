/**
 * An in-memory stand-in of the part of Elementor 3.21's editor that the adapter drives: `$e.run`
 * and `$e.internal` with the same argument rules (the document takes only container or section
 * children, a section only columns, `empty` without `force` would open a confirm dialog, nothing
 * can be created before the document's view is attached), and the container tree with its
 * models and settings. Every call is recorded so tests can check the exact commands sent.
 */
import type { ElementModel } from '../../lib/editors/elementor';

export interface Call { kind: 'run' | 'internal'; command: string; args: Record<string, unknown> }

const ALLOWED_CHILDREN: Record<string, string[]> = {
  document: ['container', 'section'],
  container: ['container', 'widget'],
  section: ['column'],
  column: ['widget', 'section'],
  widget: [],
};

export class StandInContainer {
  readonly settingsValues: Map<string, unknown>;
  children: StandInContainer[] = [];
  parent: StandInContainer | undefined;
  view: { $el: { length: number }; getContainer(): StandInContainer } | undefined;

  constructor(readonly id: string, readonly type: string, readonly widgetType: string | undefined, settings: Record<string, unknown>, attached: boolean) {
    this.settingsValues = new Map(Object.entries(settings));
    this.view = attached ? { $el: { length: 1 }, getContainer: () => this } : undefined;
  }

  /** Elements in the page's data that the preview failed to show (their template threw). */
  unshown = 0;

  readonly model = {
    get: (key: string) => (key === 'elType' ? this.type : key === 'widgetType' ? this.widgetType : key === 'id' ? this.id
      : key === 'elements' ? { length: this.children.length + this.unshown } : undefined),
    toJSON: () => this.toJSON(),
  };

  readonly settings = {
    get: (key: string) => this.settingsValues.get(key),
  };

  toJSON(): ElementModel {
    return {
      id: this.id,
      elType: this.type as ElementModel['elType'],
      ...(this.widgetType ? { widgetType: this.widgetType } : {}),
      settings: Object.fromEntries(this.settingsValues),
      elements: this.children.map((child) => child.toJSON()),
    } as ElementModel;
  }
}

type Listener = (event: Event) => void;
/**
 * A window's listeners in the order Chrome calls them for an event dispatched on the window
 * itself: the capturing ones first, then the others, each in the order they were added.
 */
class StandInWindow {
  private listeners: Array<{ type: string; listener: Listener; capture: boolean }> = [];
  addEventListener(type: string, listener: Listener, options?: boolean | { capture?: boolean }) {
    this.listeners.push({ type, listener, capture: typeof options === 'boolean' ? options : Boolean(options?.capture) });
  }
  removeEventListener(type: string, listener: Listener, options?: boolean | { capture?: boolean }) {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    this.listeners = this.listeners.filter((entry) => !(entry.type === type && entry.listener === listener && entry.capture === capture));
  }
  dispatchEvent(event: Event): boolean {
    let stopped = false;
    event.stopImmediatePropagation = () => { stopped = true; };
    const inOrder = [...this.listeners.filter((entry) => entry.capture), ...this.listeners.filter((entry) => !entry.capture)];
    for (const entry of inOrder) {
      if (stopped) break;
      if (entry.type === event.type) entry.listener(event);
    }
    return true;
  }
}

export function createElementorStandIn(options: { containers?: boolean; attached?: boolean; loaded?: boolean; controlsLoaded?: boolean; postTitle?: string; postExcerpt?: string } = {}) {
  const calls: Call[] = [];
  let nextHistory = 1;
  const openLogs: number[] = [];
  /** Elementor's history: an entry per log, each with the sub-items that know how to undo it. */
  const history: Array<{ id: number; title: string; items: Array<{ restore: (item: unknown, isRedo: boolean) => void }> }> = [];
  let historyActive = true;
  let isChanged = false;
  /** The preview frame's window, where Elementor announces each element it renders. */
  const previewWindow = new EventTarget();
  /** The editor's window, where Elementor announces the end of every command. */
  const editorWindow = new StandInWindow();
  const announceEnd = <T>(command: string, args: Record<string, unknown>, result: T): T => {
    editorWindow.dispatchEvent(new CustomEvent('elementor/commands/run/after', { detail: { command, args } }));
    return result;
  };
  const documentContainer = new StandInContainer('document', 'document', undefined, { post_title: options.postTitle ?? 'Old title', post_excerpt: options.postExcerpt ?? '' }, options.attached ?? true);

  function build(model: ElementModel | Record<string, any>, parentType: string): StandInContainer {
    const elType = String(model.elType);
    if (!ALLOWED_CHILDREN[parentType]?.includes(elType)) throw new Error(`Elementor refuses a ${elType} inside a ${parentType}.`);
    if (elType === 'widget' && typeof model.widgetType !== 'string') throw new Error('A widget needs a widgetType.');
    const container = new StandInContainer(String(model.id ?? `gen${Math.random().toString(16).slice(2, 9)}`), elType, model.widgetType, model.settings ?? {}, true);
    // As Elementor does, the widget type is written into the settings object handed in.
    if (elType === 'widget' && model.settings && Object.keys(model.settings).length) model.settings.widgetType = model.widgetType;
    container.children = (model.elements ?? []).map((child: ElementModel) => build(child, elType));
    for (const child of container.children) child.parent = container;
    return container;
  }

  const $e = {
    // The panel turns ready once the widgets' full controls have arrived.
    components: { get: (name: string) => (name === 'panel' ? { stateReadyOnce: options.controlsLoaded ?? true } : undefined) },
    run(command: string, args: Record<string, any> = {}) {
      return announceEnd(command, args, this.runCommand(command, args));
    },
    internal(command: string, args: Record<string, any> = {}) {
      return announceEnd(command, args, this.runInternal(command, args));
    },
    runCommand(command: string, args: Record<string, any>) {
      calls.push({ kind: 'run', command, args });
      // Every change to the page marks it changed, as Elementor's own hook does.
      if (command.startsWith('document/elements/')) isChanged = true;
      switch (command) {
        case 'document/elements/settings':
          if (!args.container) throw new Error('container is required');
          for (const [key, value] of Object.entries(args.settings ?? {})) args.container.settingsValues.set(key, value);
          return args.container;
        case 'document/elements/empty':
          if (!args.force) throw new Error('Elementor would open a confirm dialog (empty without force).');
          documentContainer.children = [];
          return undefined;
        case 'document/elements/create': {
          const parent = args.container as StandInContainer;
          // Real Elementor throws "reading '$el'" when the document is not attached yet.
          if (!parent?.view) throw new TypeError("Cannot read properties of undefined (reading '$el')");
          const created = build(args.model, parent.type);
          created.parent = parent;
          const at = typeof args.options?.at === 'number' ? args.options.at : parent.children.length;
          parent.children.splice(at, 0, created);
          return created;
        }
        case 'document/elements/delete': {
          const doomed = args.container as StandInContainer;
          if (!doomed.parent) throw new Error('delete of a container that is not on the page');
          doomed.parent.children = doomed.parent.children.filter((child) => child !== doomed);
          return undefined;
        }
        default:
          throw new Error(`The stand-in does not know ${command}`);
      }
    },
    runInternal(command: string, args: Record<string, any>) {
      calls.push({ kind: 'internal', command, args });
      if (command === 'document/history/start-log') {
        const id = nextHistory++;
        openLogs.push(id);
        history.push({ id, title: args.title, items: [] });
        return id;
      }
      if (command === 'document/history/log-sub-item') {
        if (!openLogs.length) throw new Error('log-sub-item outside a log');
        if (!args.container) throw new Error('log-sub-item needs a container');
        history.at(-1)!.items.push({ restore: args.restore });
        return undefined;
      }
      if (command === 'document/elements/set-settings') {
        if (!args.container) throw new Error('container is required');
        for (const [key, value] of Object.entries(args.settings ?? {})) args.container.settingsValues.set(key, value);
        return undefined;
      }
      if (command === 'document/save/set-is-modified') {
        isChanged = Boolean(args.status);
        return undefined;
      }
      if (command === 'document/history/end-log') {
        if (openLogs.pop() !== args.id) throw new Error('end-log for a log that is not open');
        return undefined;
      }
      throw new Error(`The stand-in does not know ${command}`);
    },
  };

  const elementor = {
    loaded: options.loaded ?? true,
    documents: { getCurrent: () => ({ id: 42, container: documentContainer, history: { setActive: (active: boolean) => { historyActive = active; } }, editor: { get isChanged() { return isChanged; } } }) },
    getPanelView: () => ({ getCurrentPageName: () => 'elements' }),
    $preview: [{ contentWindow: previewWindow }],
    elements: { toJSON: () => documentContainer.children.map((child) => child.toJSON()) },
  };
  const elementorCommon = { config: { experimentalFeatures: { container: options.containers ?? true } } };
  /** Ctrl+Z and Ctrl+Shift+Z on the last entry, with the history off while it restores, as Elementor does. */
  const replayLast = (isRedo: boolean) => {
    historyActive = false;
    for (const item of history.at(-1)?.items ?? []) item.restore(item, isRedo);
    historyActive = true;
  };
  /** Elementor's announcement of an element rendered, to the listeners on the preview's window. */
  const announceRendered = (container: StandInContainer) => previewWindow.dispatchEvent(new CustomEvent('elementor/editor/element-rendered', { detail: { elementView: container.view } }));
  return {
    $e, elementor, elementorCommon, calls, history, openLogs, document: documentContainer, previewWindow, editorWindow, announceRendered,
    isHistoryActive: () => historyActive,
    undo: () => replayLast(false),
    redo: () => replayLast(true),
  };
}
