import { useEffect, useState } from 'preact/hooks';
import { getEvent } from '../../lib/records-api.js';
import type { EventDetail, SuggestionView } from '../../lib/types.js';

/** The proposed events of event suggestions, loaded in the background (null when gone). */
export function useSuggestionEvents(list: SuggestionView[] | undefined, version = 0): Map<string, EventDetail | null> {
  const [events, setEvents] = useState(new Map<string, EventDetail | null>());
  const ids = (list ?? []).filter((s) => s.kind === 'event' && s.eventId).map((s) => s.eventId!);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    for (const id of new Set(ids)) {
      getEvent(id, version > 0).then(
        (e) => live && setEvents((m) => new Map(m).set(id, e)),
        () => live && setEvents((m) => new Map(m).set(id, null)),
      );
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);
  return events;
}
