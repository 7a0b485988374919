import { useRef, useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useStatus } from '../../components/status.js';
import { useI18n } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import type { CaptureResult } from '../../lib/types.js';
import { href, seg } from '../../router.js';

type Mode = 'url' | 'file' | 'text';

interface FileTask {
  file: File;
  state: 'waiting' | 'sending' | 'done' | 'error';
  result?: CaptureResult;
  error?: unknown;
}

/**
 * Capture a URL, upload files (one request each, multipart field "file") or paste text.
 * What was typed or chosen stays after an error, so the user can fix and resend it.
 */
export function CaptureForm({ onCaptured }: { onCaptured: (r: CaptureResult) => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [mode, setMode] = useState<Mode>('url');
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<FileTask[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<CaptureResult | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const done = (r: CaptureResult) => {
    setLast(r);
    onCaptured(r);
    announce(r.stored ? t('inbox.captured', { title: r.title ?? r.id }) : t('inbox.duplicateToast', { title: r.title ?? r.id }));
  };

  const submitJson = async (body: { url: string } | { text: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<CaptureResult>('/sources', body);
      done(r);
      if ('url' in body) setUrl('');
      else setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const addFiles = (list: FileList | null) => {
    if (!list?.length) return;
    setFiles((old) => [...old.filter((f) => f.state !== 'done'), ...Array.from(list).map((file) => ({ file, state: 'waiting' as const }))]);
  };

  const uploadAll = async () => {
    setBusy(true);
    setError(null);
    const tasks = files.slice();
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i]!;
      if (task.state === 'done') continue;
      tasks[i] = { ...task, state: 'sending', error: undefined };
      setFiles(tasks.slice());
      const form = new FormData();
      form.append('file', task.file, task.file.name);
      try {
        const r = await api.upload<CaptureResult>('/sources', form);
        tasks[i] = { ...task, state: 'done', result: r };
        done(r);
      } catch (e) {
        tasks[i] = { ...task, state: 'error', error: e };
      }
      setFiles(tasks.slice());
    }
    setBusy(false);
  };

  return (
    <section class="card capture" aria-labelledby="capture-title">
      <h2 id="capture-title">{t('inbox.captureTitle')}</h2>
      <div class="tabs" role="tablist" aria-label={t('inbox.captureTitle')}>
        {(['url', 'file', 'text'] as Mode[]).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`capture-tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`capture-panel-${m}`}
            class={`tab${mode === m ? ' is-active' : ''}`}
            onClick={() => {
              setMode(m);
              setError(null);
            }}
            data-testid={`capture-tab-${m}`}
          >
            {t(`inbox.mode.${m}`)}
          </button>
        ))}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} testid="capture-error" />
      {mode === 'url' ? (
        <div id="capture-panel-url" role="tabpanel" aria-labelledby="capture-tab-url">
        <form
          class="form capture-row"
          onSubmit={(e) => {
            e.preventDefault();
            void submitJson({ url: url.trim() });
          }}
        >
          <label class="field grow">
            <span>{t('inbox.url')}</span>
            <input type="url" name="url" required placeholder="https://" value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="capture-url" />
          </label>
          <button type="submit" class="btn btn-primary" disabled={busy || !url.trim()} data-testid="capture-url-submit">
            {busy ? t('common.working') : t('inbox.capture')}
          </button>
        </form>
        </div>
      ) : null}
      {mode === 'file' ? (
        <div id="capture-panel-file" role="tabpanel" aria-labelledby="capture-tab-file" class="form">
          <div
            class={`dropzone${dragging ? ' is-dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              addFiles(e.dataTransfer?.files ?? null);
            }}
          >
            <p>{t('inbox.dropHere')}</p>
            <label class="btn">
              {t('inbox.chooseFiles')}
              <input
                ref={fileInput}
                type="file"
                multiple
                class="sr-only"
                accept=".html,.htm,.txt,.pdf,.md,.xml,.json,text/*,application/pdf"
                onChange={(e) => {
                  addFiles(e.currentTarget.files);
                  e.currentTarget.value = '';
                }}
                data-testid="capture-file"
              />
            </label>
            <p class="hint">{t('inbox.fileHint')}</p>
          </div>
          {files.length ? (
            <ul class="file-tasks" data-testid="capture-files">
              {files.map((f, i) => (
                <li key={i} class={`file-task is-${f.state}`}>
                  <span class="file-name">{f.file.name}</span>
                  <span class="muted small">{formatBytes(f.file.size)}</span>
                  <span class="file-state">
                    {f.state === 'done' && f.result ? (
                      <a href={href(`/sources/${seg(f.result.id)}`)}>{f.result.stored ? t('inbox.stateDone') : t('inbox.duplicateShort')}</a>
                    ) : (
                      t(`inbox.state.${f.state}`)
                    )}
                  </span>
                  {f.state !== 'sending' && f.state !== 'done' ? (
                    <button type="button" class="btn-icon" aria-label={t('inbox.removeFile', { name: f.file.name })} onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  ) : null}
                  {f.state === 'error' ? <ErrorNotice error={f.error} testid="capture-file-error" /> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={busy || !files.some((f) => f.state !== 'done')} onClick={() => void uploadAll()} data-testid="capture-file-submit">
              {busy ? t('common.working') : t('inbox.upload')}
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'text' ? (
        <div id="capture-panel-text" role="tabpanel" aria-labelledby="capture-tab-text">
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submitJson({ text });
          }}
        >
          <label class="field">
            <span>{t('inbox.text')}</span>
            <textarea rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder={t('inbox.textPlaceholder')} data-testid="capture-text" />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()} data-testid="capture-text-submit">
              {busy ? t('common.working') : t('inbox.capture')}
            </button>
          </div>
        </form>
        </div>
      ) : null}
      {last ? (
        <div class={`notice ${last.stored ? 'notice-ok' : 'notice-info'}`} data-testid="capture-result">
          {last.stored ? t('inbox.capturedShort') : last.duplicateKind === 'near' ? t('inbox.nearDuplicate') : t('inbox.duplicate')}{' '}
          <a href={href(`/sources/${seg(last.id)}`)} data-testid="capture-result-open">
            {last.title ?? last.id}
          </a>
          {last.cleanError ? <span class="muted"> — {t('inbox.cleanError', { reason: last.cleanError })}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
