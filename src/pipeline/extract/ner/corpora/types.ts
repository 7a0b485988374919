/**
 * Shared shapes for the NER training/evaluation corpora: a text with gold entity spans
 * (JavaScript string offsets), and the conversion to tagged training sentences using the
 * same tokenizer and sentence splitter the tagger uses at run time.
 */
import { extractFeatures, type Gazetteer } from '../features.js';
import { TAGS, type EntityType, type TrainingSentence } from '../perceptron.js';
import { splitSentences, tokenize } from '../tokenize.js';

export interface GoldSpan {
  start: number;
  end: number;
  type: EntityType;
  /**
   * A second extent that also counts as this mention (factRuEval: the whole mention with its
   * descriptor words, "Правительство РФ", where `start`/`end` hold the name part, "РФ"; its
   * scorer gives descriptor words no weight either way). Evaluation only; training uses start/end.
   */
  alt?: { start: number; end: number };
}

export interface AnnotatedText {
  id: string;
  text: string;
  spans: GoldSpan[];
  /**
   * Gold mentions that the corpus's own scorer neither requires nor counts against a system
   * (factRuEval: mentions without a name part, such as the adjective "российский" or the bare
   * descriptor "мэрия", and mentions nested inside another). A prediction with exactly one of
   * these extents and its type is left out of the score; the mention is not needed for recall.
   * Never used for training.
   */
  ignored?: GoldSpan[];
}

/** Keeps the outermost spans: longest first at each start, dropping anything overlapping a kept span. */
export function outermost(spans: readonly GoldSpan[]): GoldSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: GoldSpan[] = [];
  let lastEnd = -1;
  for (const s of sorted) {
    if (s.start >= lastEnd) {
      out.push(s);
      lastEnd = s.end;
    }
  }
  return out;
}

const TAG_ID = new Map<string, number>(TAGS.map((t, i) => [t, i]));

export interface TaggedSentence {
  words: string[];
  tags: Uint8Array;
}

/** Tokenizes and splits a document, projecting gold spans onto BIO token tags. */
export function toTaggedSentences(doc: AnnotatedText): TaggedSentence[] {
  const tokens = tokenize(doc.text);
  const sentences = splitSentences(doc.text, tokens);
  const spans = [...doc.spans].sort((a, b) => a.start - b.start);
  const out: TaggedSentence[] = [];
  let si = 0;
  for (const sent of sentences) {
    const tags = new Uint8Array(sent.length);
    for (let i = 0; i < sent.length; i++) {
      const tok = sent[i]!;
      while (si < spans.length && spans[si]!.end <= tok.start) si++;
      const sp = spans[si];
      if (sp !== undefined && tok.start < sp.end && tok.end > sp.start) {
        const prevInSame = i > 0 && sent[i - 1]!.end > sp.start && sent[i - 1]!.start < sp.end;
        tags[i] = TAG_ID.get(`${prevInSame ? 'I' : 'B'}-${sp.type}`)!;
      }
    }
    out.push({ words: sent.map((t) => t.text), tags });
  }
  return out;
}

export function toTrainingSentences(docs: readonly AnnotatedText[], bits: number, gaz?: Gazetteer): TrainingSentence[] {
  const out: TrainingSentence[] = [];
  for (const d of docs) {
    for (const s of toTaggedSentences(d)) out.push({ feats: extractFeatures(s.words, bits, gaz), tags: s.tags });
  }
  return out;
}
