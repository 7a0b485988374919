/**
 * Benchmark: the committed NER taggers (src/pipeline/extract/ner/models/ner-<lang>.bin.gz) on
 * held-out sets, exact span match (start, end and type must all agree). Where a corpus's gold
 * nests entities (NEREL, GUM, factRuEval) the outermost are the gold spans and a prediction
 * equal to a nested one is neither right nor wrong; factRuEval's unnamed mentions ("российский")
 * are treated the same way and its descriptor words are optional ("Правительство РФ" or "РФ"),
 * as in its own scorer (corpora/factrueval.ts). `strictMicro` counts all of those as errors. Sets:
 *   en: UNER English-EWT test, GUM Wikinews (43 documents, names reduced from mentions, see corpora/gum.ts)
 *   ru: NEREL dev, factRuEval-2016 testset
 *   kk: KazNERD held-out part (sentences i % 5 === 4 of IOB2_valid.txt)
 * Speed: CPU milliseconds (user + system, this process) per 1,000 whitespace-separated words,
 * best of three passes over each set's texts, one call per text (the first pass, which also
 * scores, warms up; model loading is timed separately). CPU time, not wall time, so other jobs
 * on a shared machine disturb the figure less; wall time is reported beside it.
 *
 *   node --import tsx bench/extract-ner.ts            # JSON on stdout
 *   node --import tsx bench/extract-ner.ts --lang ru  # one language
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { languageData } from '../src/pipeline/extract/ner/corpora/datasets.js';
import { evaluate } from '../src/pipeline/extract/ner/corpora/evaluate.js';
import { loadTagger, tagEntities, type NerLanguage } from '../src/pipeline/extract/ner/tagger.js';
import { evalRoot } from './data-paths.js';

const { values } = parseArgs({ options: { lang: { type: 'string' }, json: { type: 'boolean', default: true } } });
const root = evalRoot;
const langs: NerLanguage[] = values.lang !== undefined ? [values.lang as NerLanguage] : ['en', 'ru', 'kk'];

const sets: Record<string, unknown> = {};
for (const lang of langs) {
  const t0 = performance.now();
  loadTagger(lang);
  const loadMs = performance.now() - t0;
  for (const [name, load] of Object.entries(languageData(root, lang).evaluation)) {
    const docs = load();
    const scores = evaluate(docs, (t) => tagEntities(t, lang));
    const strictMicro = evaluate(docs, (t) => tagEntities(t, lang), { strict: true }).micro;
    const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
    let best = Infinity;
    let bestWall = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const w = performance.now();
      const c = process.cpuUsage();
      for (const d of docs) tagEntities(d.text, lang);
      const used = process.cpuUsage(c);
      best = Math.min(best, (used.user + used.system) / 1000);
      bestWall = Math.min(bestWall, performance.now() - w);
    }
    sets[name] = {
      lang,
      texts: docs.length,
      words,
      goldEntities: docs.reduce((n, d) => n + d.spans.length, 0),
      ...scores,
      strictMicro,
      msPer1000Words: Math.round((best / words) * 1000 * 1000) / 1000,
      wordsPerSecond: Math.round(words / (best / 1000)),
      wallMsPer1000Words: Math.round((bestWall / words) * 1000 * 1000) / 1000,
      modelLoadMs: Math.round(loadMs),
    };
  }
}
console.log(JSON.stringify({ task: 'ner', match: 'exact span', sets }));
