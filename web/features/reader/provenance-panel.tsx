import { useI18n } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import type { SourceDetail, SourceExtraction } from '../../lib/types.js';

/** Where the original came from and how it was taken: enough to defend it as evidence. */
export function ProvenancePanel({ detail, extraction, onViewOriginal }: { detail: SourceDetail; extraction: SourceExtraction | null; onViewOriginal: () => void }) {
  const { t, dateTime } = useI18n();
  const s = detail.source;
  const p = s.provenance;
  const id = encodeURIComponent(s.id);
  const headers = Object.entries(p.httpHeaders ?? {});
  return (
    <div class="provenance" data-testid="provenance">
      <div class="actions">
        <button type="button" class="btn" onClick={onViewOriginal} data-testid="view-original">
          {t('provenance.view')}
        </button>
        <a class="btn" href={`/api/v1/sources/${id}/original`} download data-testid="download-original">
          {t('provenance.download')}
        </a>
      </div>
      <p class="hint">{t('provenance.safeNote')}</p>
      <dl class="kv">
        <dt>SHA-256</dt>
        <dd>
          <code class="hash" data-testid="provenance-sha256">
            {s.sha256}
          </code>
        </dd>
        <dt>{t('provenance.capturedAt')}</dt>
        <dd>{dateTime(p.capturedAt)}</dd>
        <dt>{t('provenance.capturedBy')}</dt>
        <dd>{p.capturedBy}</dd>
        <dt>{t('provenance.origin')}</dt>
        <dd>{t(`provenance.originKind.${p.origin}`)}</dd>
        {p.requestedUrl ? (
          <>
            <dt>{t('provenance.url')}</dt>
            <dd class="break">{p.requestedUrl}</dd>
          </>
        ) : null}
        {p.finalUrl && p.finalUrl !== p.requestedUrl ? (
          <>
            <dt>{t('provenance.finalUrl')}</dt>
            <dd class="break">{p.finalUrl}</dd>
          </>
        ) : null}
        {p.redirects.length ? (
          <>
            <dt>{t('provenance.redirects')}</dt>
            <dd>
              <ol class="small">
                {p.redirects.map((r, i) => (
                  <li key={i} class="break">
                    {r.status} {r.url}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        ) : null}
        {p.httpStatus !== null ? (
          <>
            <dt>{t('provenance.httpStatus')}</dt>
            <dd>{p.httpStatus}</dd>
          </>
        ) : null}
        {p.remoteAddress ? (
          <>
            <dt>{t('provenance.remoteAddress')}</dt>
            <dd>{p.remoteAddress}</dd>
          </>
        ) : null}
        {p.fileName ? (
          <>
            <dt>{t('provenance.fileName')}</dt>
            <dd class="break">{p.fileName}</dd>
          </>
        ) : null}
        <dt>{t('provenance.media')}</dt>
        <dd>
          {s.mediaType} · {formatBytes(s.byteSize)}
        </dd>
        <dt>{t('provenance.tool')}</dt>
        <dd>
          {p.tool} {p.toolVersion}
        </dd>
        {detail.article ? (
          <>
            <dt>{t('provenance.cleaner')}</dt>
            <dd>
              {detail.article.cleaner} {detail.article.cleanerVersion}
            </dd>
          </>
        ) : null}
        {extraction ? (
          <>
            <dt>{t('provenance.extractor')}</dt>
            <dd>
              {extraction.extractor} {extraction.extractorVersion}
            </dd>
          </>
        ) : null}
        {s.duplicateOf ? (
          <>
            <dt>{t('provenance.duplicateOf')}</dt>
            <dd>
              <a href={`#/sources/${encodeURIComponent(s.duplicateOf)}`}>{s.duplicateOf}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {headers.length ? (
        <details class="headers">
          <summary>{t('provenance.headers', { count: headers.length })}</summary>
          <table class="table table-compact">
            <tbody>
              {headers.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td class="break">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
