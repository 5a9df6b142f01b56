/** Every item PressPilot stores, in one place. The API key is kept apart from other settings. */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { JobStateSchema, type JobState } from '../messaging/protocol';
import { WritingOptionsSchema } from '../generation/writing';
import { EditorSnapshotSchema, type EditorSnapshot } from '../editors/adapter';
import { addEntry, parseHistory, type HistoryEntry } from './history';
import { DEFAULT_PRICES, PriceSchema } from '../generation/cost';
import { CustomTemplateSchema, DEFAULT_TEMPLATE_ID, SiteVoiceSchema } from '../generation/templates';
import { DEFAULT_BASE_URL, DEFAULT_IMAGE_MODEL, DEFAULT_MODEL } from '../generation/endpoint-defaults';


export const SettingsSchema = z.object({
  baseURL: z.string().trim().url('The base URL must be a full URL, like https://api.openai.com/v1.').default(DEFAULT_BASE_URL),
  model: z.string().trim().min(1, 'Pick or type a model.').default(DEFAULT_MODEL),
  api: z.enum(['chat', 'responses']).default('chat'),
  /** Set when the endpoint rejected JSON-schema output once, so we ask in the line format first. */
  preferLines: z.boolean().default(false),
  writing: z._default(WritingOptionsSchema, WritingOptionsSchema.parse({})),
  createMissingCategories: z.boolean().default(false),
  /** The popup's post type at first (lib/generation/templates.ts), and the blogger's own types. */
  template: z.string().default(DEFAULT_TEMPLATE_ID),
  customTemplates: z.array(CustomTemplateSchema).max(50).default([]),
  /** Each site's house style, followed by every generation and rewrite there. */
  siteVoices: z.array(SiteVoiceSchema).max(200).default([]),
  /** A new post's meta description goes into the excerpt too (an SEO plugin gets it either way). */
  descriptionAsExcerpt: z.boolean().default(true),
  /** The popup's "Featured image" box starts ticked; off at install, since images cost money. */
  featuredImage: z.boolean().default(false),
  imageModel: z.string().trim().min(1, 'Pick or type an image model.').default(DEFAULT_IMAGE_MODEL),
  /** List prices per model, for the popup's estimate; the blogger edits them in the options. */
  prices: z.array(PriceSchema).max(200).default([...DEFAULT_PRICES]),
  /** The model's limits, for refusing a rewrite that cannot fit (gpt-4o-mini's by default). */
  contextTokens: z.number().int().min(1_000).default(128_000),
  maxOutputTokens: z.number().int().min(500).default(16_384),
});
export type Settings = z.output<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** Only the options page and the background read or write it. */
export const apiKeyItem = storage.defineItem<string>('local:apiKey', { fallback: '' });

/** Parses stored settings so a value written by an older version never breaks the popup. */
export async function loadSettings(): Promise<Settings> {
  const parsed = SettingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** A tab's job, in session storage: it outlives the popup and a service-worker restart. */
export function jobItem(tabId: number) {
  return storage.defineItem<JobState | null>(`session:job:${tabId}`, { fallback: null });
}

export async function loadJob(tabId: number): Promise<JobState | null> {
  const parsed = JobStateSchema.safeParse(await jobItem(tabId).getValue());
  return parsed.success ? parsed.data : null;
}

/** What the editor held before the last apply, for the popup's Undo. */
export function undoItem(tabId: number) {
  return storage.defineItem<EditorSnapshot | null>(`session:undo:${tabId}`, { fallback: null });
}

export async function loadUndo(tabId: number): Promise<EditorSnapshot | null> {
  const parsed = EditorSnapshotSchema.safeParse(await undoItem(tabId).getValue());
  return parsed.success ? parsed.data : null;
}

/** The last generations and rewrites, newest first (lib/storage/history.ts), on this machine only. */
export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { fallback: [] });

export async function loadHistory(): Promise<HistoryEntry[]> {
  return parseHistory(await historyItem.getValue());
}

let historyWrites: Promise<unknown> = Promise.resolve();
/** One write after another, so two tabs finishing at once both land. */
export function rememberInHistory(entry: HistoryEntry): Promise<void> {
  const write = historyWrites.then(async () => historyItem.setValue(addEntry(await loadHistory(), entry)));
  historyWrites = write.catch(() => undefined);
  return write;
}
