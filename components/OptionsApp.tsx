import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { sendToBackground } from '../lib/messaging/messaging';
import { apiKeyItem, loadSettings, settingsItem, SettingsSchema, type Settings } from '../lib/storage/storage';
import { WritingOptionsFields } from './WritingOptionsFields';
import { AllowedSitesFields } from './AllowedSitesFields';
import { CustomTemplatesFields } from './CustomTemplatesFields';
import { HistoryPanel } from './HistoryPanel';
import { PostTypeSelect } from './PostTypeSelect';
import { PricesField } from './PricesField';
import { SiteVoicesFields } from './SiteVoicesFields';
import './popup.css';
import './options.css';

type Notice = { ok: boolean; text: string } | null;

/** A label that names only its field; help and problems are described, not part of the name. */
function Field({ id, label, help, problem, children }: { id: string; label: string; help?: ReactNode; problem?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem && <span className="field-problem" role="alert">{problem}</span>}
      {help && <span id={`${id}-help`} className="help">{help}</span>}
    </div>
  );
}

export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  const [problems, setProblems] = useState<Partial<Record<keyof Settings, string>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([loadSettings(), apiKeyItem.getValue()]).then(([stored, key]) => { setSettings(stored); setApiKey(key); });
  }, []);
  if (!settings) return <main className="options"><p className="muted">Loading…</p></main>;

  const update = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });

  /** Validates and stores; the learned `preferLines` is reset when the endpoint or model changes. */
  async function save(): Promise<boolean> {
    const parsed = SettingsSchema.safeParse(settings);
    if (!parsed.success) {
      setProblems(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message])));
      setNotice({ ok: false, text: 'Check the fields marked below.' });
      return false;
    }
    const previous = await loadSettings();
    const sameEndpoint = previous.baseURL === parsed.data.baseURL && previous.model === parsed.data.model;
    await settingsItem.setValue({ ...parsed.data, preferLines: sameEndpoint ? previous.preferLines : false });
    await apiKeyItem.setValue(apiKey.trim());
    setProblems({});
    setNotice({ ok: true, text: 'Saved.' });
    return true;
  }

  async function askBackground(type: 'connection/test' | 'models/list') {
    if (!(await save())) return;
    setBusy(true);
    setNotice({ ok: true, text: type === 'models/list' ? 'Loading models…' : 'Testing the connection…' });
    const response = await sendToBackground({ type });
    setBusy(false);
    if (!response.ok) return setNotice({ ok: false, text: response.error.message });
    if (response.connection) {
      if (response.connection.models.length) setModels(response.connection.models);
      setNotice({ ok: response.connection.ok, text: response.connection.message });
    }
  }

  const onSubmit = (event: FormEvent) => { event.preventDefault(); void save(); };

  return (
    <main className="options">
      <h1>PressPilot options</h1>
      <form onSubmit={onSubmit} className="stack">
        <Field id="base-url" label="Base URL" problem={problems.baseURL}
          help={<>Any OpenAI-compatible endpoint: Ollama <code>http://localhost:11434/v1</code>, LM Studio <code>http://localhost:1234/v1</code>,
            OpenRouter <code>https://openrouter.ai/api/v1</code>. Local servers must allow requests from browser extensions (e.g. <code>OLLAMA_ORIGINS=chrome-extension://*</code>).</>}>
          <input id="base-url" type="url" value={settings.baseURL} placeholder="https://api.openai.com/v1" aria-invalid={Boolean(problems.baseURL)}
            aria-describedby="base-url-help" onChange={(event) => update({ baseURL: event.target.value })} />
        </Field>
        <Field id="api-key" label="API key" help="Stored only in this browser’s extension storage and sent only to the endpoint above. Local servers may need none.">
          <span className="with-button">
            <input id="api-key" type={showKey ? 'text' : 'password'} value={apiKey} autoComplete="off" spellCheck={false} aria-describedby="api-key-help"
              onChange={(event) => setApiKey(event.target.value)} />
            <button type="button" onClick={() => setShowKey(!showKey)} aria-pressed={showKey}>{showKey ? 'Hide' : 'Show'}</button>
          </span>
        </Field>
        <Field id="model" label="Model" problem={problems.model}>
          <span className="with-button">
            <input id="model" list="models" value={settings.model} aria-invalid={Boolean(problems.model)} onChange={(event) => update({ model: event.target.value })} />
            <button type="button" disabled={busy} onClick={() => void askBackground('models/list')}>Load models</button>
          </span>
          <datalist id="models">{models.map((model) => <option key={model} value={model} />)}</datalist>
        </Field>
        <Field id="api" label="API" help="Chat Completions works with every compatible server; Responses is OpenAI’s newer API.">
          <select id="api" value={settings.api} aria-describedby="api-help" onChange={(event) => update({ api: event.target.value as Settings['api'] })}>
            <option value="chat">Chat Completions</option>
            <option value="responses">Responses</option>
          </select>
        </Field>
        <fieldset>
          <legend>Model limits</legend>
          <p className="muted">Used to refuse, before sending anything, a rewrite the model could not finish. The defaults are gpt-4o-mini’s.</p>
          <Field id="context-tokens" label="Context window (tokens)" problem={problems.contextTokens}>
            <input id="context-tokens" type="number" min={1000} value={settings.contextTokens} aria-invalid={Boolean(problems.contextTokens)}
              onChange={(event) => update({ contextTokens: event.target.valueAsNumber })} />
          </Field>
          <Field id="max-output-tokens" label="Longest answer (tokens)" problem={problems.maxOutputTokens}>
            <input id="max-output-tokens" type="number" min={500} value={settings.maxOutputTokens} aria-invalid={Boolean(problems.maxOutputTokens)}
              onChange={(event) => update({ maxOutputTokens: event.target.valueAsNumber })} />
          </Field>
          <PricesField value={settings.prices} onChange={(prices) => update({ prices })} />
        </fieldset>
        <fieldset>
          <legend>Defaults for new posts</legend>
          <WritingOptionsFields value={settings.writing} onChange={(writing) => update({ writing })} />
          <PostTypeSelect label="Default post type" value={settings.template} custom={settings.customTemplates} onChange={(template) => update({ template })} />
          <label className="inline">
            <input type="checkbox" checked={settings.createMissingCategories} onChange={(event) => update({ createMissingCategories: event.target.checked })} />
            Create categories the site lacks
          </label>
          <label className="inline">
            <input type="checkbox" checked={settings.descriptionAsExcerpt} onChange={(event) => update({ descriptionAsExcerpt: event.target.checked })} />
            Put the meta description in the excerpt too
          </label>
          <label className="inline">
            <input type="checkbox" checked={settings.featuredImage} onChange={(event) => update({ featuredImage: event.target.checked })} />
            Draw a featured image (each image is billed by the endpoint)
          </label>
          <Field id="image-model" label="Image model" problem={problems.imageModel} help="Used through the same endpoint’s images API.">
            <input id="image-model" value={settings.imageModel} aria-invalid={Boolean(problems.imageModel)} aria-describedby="image-model-help"
              onChange={(event) => update({ imageModel: event.target.value })} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Your post types</legend>
          <CustomTemplatesFields value={settings.customTemplates} onChange={(customTemplates) => update({ customTemplates })} />
        </fieldset>
        <fieldset>
          <legend>House style</legend>
          <SiteVoicesFields value={settings.siteVoices} onChange={(siteVoices) => update({ siteVoices })} />
        </fieldset>
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>Save</button>
          <button type="button" disabled={busy} onClick={() => void askBackground('connection/test')}>Test connection</button>
        </div>
        <p role="status" aria-live="polite" className={notice ? (notice.ok ? 'status ok' : 'status bad') : 'status'}>{notice?.text ?? ''}</p>
      </form>
      <AllowedSitesFields />
      <HistoryPanel />
    </main>
  );
}
