import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { entityTypeLabel } from '../lib/format.js';
import { suggestEntities } from '../lib/records-api.js';
import type { EntityRecord } from '../lib/types.js';
import { useDebounced } from '../lib/use-api.js';

export interface PartyValue {
  name: string;
  /** Set when a known entity was picked: the record is reused, not duplicated. */
  entityId?: string;
  entityName?: string;
}

/**
 * A name field that offers known people, organisations or places as one types (any
 * script or spelling: the server matches Назарбаев to Nazarbayev). Picking one links the
 * record to it; typing on unlinks. ARIA combobox pattern: arrows move, Enter picks, Esc closes.
 */
export function EntityTypeahead(props: {
  label: string;
  value: PartyValue;
  onChange: (v: PartyValue) => void;
  types?: string[];
  required?: boolean;
  testid: string;
  hint?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [options, setOptions] = useState<EntityRecord[]>([]);
  const [searching, setSearching] = useState(false);
  const q = useDebounced(props.value.entityId ? '' : props.value.name.trim(), 200);
  const blurTimer = useRef(0);

  useEffect(() => {
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    const ctl = new AbortController();
    setSearching(true);
    const types = props.types ?? [undefined];
    Promise.all(types.map((ty) => suggestEntities(q, ty, ctl.signal).catch(() => [] as EntityRecord[])))
      .then((lists) => {
        const seen = new Set<string>();
        const merged = lists.flat().filter((e) => !seen.has(e.id) && seen.add(e.id));
        setOptions(merged.slice(0, 8));
        setActive(-1);
      })
      .finally(() => setSearching(false));
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const pick = (e: EntityRecord) => {
    props.onChange({ name: e.name, entityId: e.id, entityName: e.name });
    setOpen(false);
  };
  const listId = `${id}-list`;
  const showList = open && options.length > 0 && !props.value.entityId;

  return (
    <div class="field typeahead">
      <label for={`${id}-input`}>{props.label}</label>
      <div class="typeahead-box">
        <input
          id={`${id}-input`}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          required={props.required}
          value={props.value.name}
          onInput={(e) => {
            props.onChange({ name: e.currentTarget.value });
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            blurTimer.current = window.setTimeout(() => setOpen(false), 150);
          }}
          onKeyDown={(e) => {
            if (!showList) return;
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(options.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter' && active >= 0) {
              e.preventDefault();
              pick(options[active]!);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            }
          }}
          data-testid={props.testid}
        />
        {props.value.entityId ? (
          <span class="linked" data-testid={`${props.testid}-linked`}>
            <span class="badge badge-ok">{t('typeahead.known')}</span>
            <button type="button" class="link-btn small" onClick={() => props.onChange({ name: props.value.name })}>
              {t('typeahead.unlink')}
            </button>
          </span>
        ) : searching ? (
          <span class="spinner spinner-small" aria-hidden="true" />
        ) : null}
      </div>
      {showList ? (
        <ul id={listId} role="listbox" class="typeahead-list" aria-label={props.label}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                clearTimeout(blurTimer.current);
                pick(o);
              }}
              data-testid={`${props.testid}-option`}
            >
              <span>{o.name}</span>
              <span class="muted small" title={o.id}>
                {entityTypeLabel(i18n, o.type)}
                {o.status === 'proposed' ? ` · ${t('status.proposed').toLowerCase()}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.hint ? <small class="hint">{props.hint}</small> : null}
    </div>
  );
}
